package com.medsync.realtime.server;

import com.medsync.realtime.server.cluster.RedisCluster;
import com.medsync.realtime.server.metrics.PlatformMetrics;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The figures of {@code GET /admin/stats}: this node's, and in cluster mode every node's. */
final class NodeStats {

    private final NamespaceRegistry namespaces;
    private final PlatformMetrics metrics;
    private final Supplier<Map<String, Object>> plugins;
    private final Supplier<List<String>> heldLeases;
    private final Supplier<Map<String, Object>> readiness;
    private final Optional<RedisCluster> cluster;
    private final long startedAtMillis = System.currentTimeMillis();

    /**
     * @param plugins    this node's plugins: {@code started} ids, and in a server also the {@code phase} and each
     *                   plugin's {@code states}
     * @param heldLeases the once-per-cluster tasks this node runs, as {@code <plugin>/<task>}
     * @param readiness  what this node's {@code /health/ready} answers, so the others can show it
     */
    NodeStats(NamespaceRegistry namespaces, PlatformMetrics metrics, Supplier<Map<String, Object>> plugins,
            Supplier<List<String>> heldLeases, Supplier<Map<String, Object>> readiness,
            Optional<RedisCluster> cluster) {
        this.readiness = readiness;
        this.namespaces = namespaces;
        this.metrics = metrics;
        this.plugins = plugins;
        this.heldLeases = heldLeases;
        this.cluster = cluster;
    }

    /** This node's figures and, in cluster mode, every node's (or why they cannot be read). */
    Map<String, Object> stats() {
        Map<String, Object> stats = nodeFigures();
        cluster.ifPresent(redis -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("node", redis.node());
            try {
                view.put("nodes", redis.nodes());
            } catch (StoreUnavailableException e) {
                view.put("problem", e.getMessage());
            }
            stats.put("cluster", view);
        });
        return stats;
    }

    /** This node's figures, which a cluster node also reports to the others. */
    Map<String, Object> nodeFigures() {
        Map<String, Object> perNamespace = new LinkedHashMap<>();
        for (ServedNamespace namespace : namespaces.all()) {
            perNamespace.put(namespace.name(), Map.of("connections", namespace.socketCount(),
                    "rooms", namespace.roomCount()));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("namespaces", perNamespace);
        stats.put("events", Map.of("in", metrics.eventsIn(), "out", metrics.eventsOut()));
        stats.put("plugins", plugins.get());
        stats.put("leases", heldLeases.get());
        stats.put("uptimeSeconds", (System.currentTimeMillis() - startedAtMillis) / 1000);
        stats.put("readiness", readiness.get());
        return stats;
    }
}
