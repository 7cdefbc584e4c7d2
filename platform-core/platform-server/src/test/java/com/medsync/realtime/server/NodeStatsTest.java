package com.medsync.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.server.metrics.PlatformMetrics;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.spi.event.EventTranslator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NodeStatsTest {

    @Test
    void aSingleNodeReportsItsNamespacesEventsPluginsAndLeasesWithoutAClusterView() {
        NamespaceRegistry namespaces = new NamespaceRegistry();
        namespaces.serve("/patient-pharmacy", EventTranslator.CANONICAL);

        Map<String, Object> stats = new NodeStats(namespaces, new PlatformMetrics(),
                () -> Map.of("started", List.of("chat", "orders")), () -> List.of("dispatch/providers"),
                () -> Map.of("status", "UP"), Optional.empty()).stats();

        assertThat(stats).containsOnlyKeys("namespaces", "events", "plugins", "leases", "uptimeSeconds", "readiness");
        assertThat(stats.get("readiness")).isEqualTo(Map.of("status", "UP"));
        assertThat(stats.get("namespaces")).isEqualTo(
                Map.of("/patient-pharmacy", Map.of("connections", 0, "rooms", 0)));
        assertThat(stats.get("events")).isEqualTo(Map.of("in", 0L, "out", 0L));
        assertThat(stats.get("plugins")).isEqualTo(Map.of("started", List.of("chat", "orders")));
        assertThat(stats.get("leases")).isEqualTo(List.of("dispatch/providers"));
    }
}
