package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.socket.engine.EngineTraffic.Totals;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatedEventsTest {

    @Test
    void eachReportCountsWhatHappenedSinceThePreviousOneStampedWithItsSecond() {
        AggregatedEvents events = new AggregatedEvents();

        List<Map<String, Object>> first = events.since(new Totals(3, 1, 10, 400, 20, 900),
                Instant.parse("2026-01-01T00:00:02.750Z"));
        assertThat(first).containsExactly(
                Map.of("timestamp", 1767225602000L, "type", "rawConnection", "count", 3L),
                Map.of("timestamp", 1767225602000L, "type", "rawDisconnection", "count", 1L),
                Map.of("timestamp", 1767225602000L, "type", "packetsIn", "count", 10L),
                Map.of("timestamp", 1767225602000L, "type", "packetsOut", "count", 20L),
                Map.of("timestamp", 1767225602000L, "type", "bytesIn", "count", 400L),
                Map.of("timestamp", 1767225602000L, "type", "bytesOut", "count", 900L));

        List<Map<String, Object>> second = events.since(new Totals(3, 1, 12, 450, 20, 900),
                Instant.parse("2026-01-01T00:00:04.100Z"));
        assertThat(second).extracting(event -> event.get("type")).containsExactly("packetsIn", "bytesIn");
        assertThat(second.get(0).get("count")).isEqualTo(2L);
        assertThat(events.since(new Totals(3, 1, 12, 450, 20, 900), Instant.now())).isEmpty();
    }
}
