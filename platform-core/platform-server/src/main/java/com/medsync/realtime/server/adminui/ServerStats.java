package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.socket.ServedNamespace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code server_stats} payload, with the fields the reference server sends: serverId, hostname, pid, uptime (in
 * seconds, a fraction as Node's {@code process.uptime()}), clientsCount (open Engine.IO connections),
 * pollingClientsCount, aggregatedEvents and the namespaces with their socket counts.
 */
final class ServerStats {

    private final String serverId;
    private final String hostname;
    private final long pid;
    private final long startedAtMillis;
    private final AdminUiNode node;
    private final AggregatedEvents aggregated;
    private final Clock clock;

    ServerStats(Optional<String> serverId, AdminUiNode node, Clock clock) {
        this.hostname = hostname();
        this.serverId = serverId.orElse(hostname);
        this.pid = ProcessHandle.current().pid();
        this.startedAtMillis = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(clock.millis());
        this.node = node;
        this.clock = clock;
        this.aggregated = new AggregatedEvents();
    }

    /** The next report: its aggregated events count what happened since the previous one. */
    Map<String, Object> next() {
        return report(aggregated.since(node.traffic(), clock.instant()));
    }

    /**
     * A report for one Admin UI that just connected, without aggregated events: those belong to the next periodic
     * report, which every connected UI gets.
     */
    Map<String, Object> now() {
        return report(List.of());
    }

    private Map<String, Object> report(List<Map<String, Object>> aggregatedEvents) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("serverId", serverId);
        stats.put("hostname", hostname);
        stats.put("pid", pid);
        stats.put("uptime", (clock.millis() - startedAtMillis) / 1000.0);
        stats.put("clientsCount", node.connectionCount());
        stats.put("pollingClientsCount", node.pollingConnectionCount());
        stats.put("aggregatedEvents", aggregatedEvents);
        List<Map<String, Object>> namespaces = new ArrayList<>();
        for (ServedNamespace namespace : node.namespaces()) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", namespace.name());
            described.put("socketsCount", namespace.socketCount());
            namespaces.add(described);
        }
        stats.put("namespaces", namespaces);
        return stats;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }
}
