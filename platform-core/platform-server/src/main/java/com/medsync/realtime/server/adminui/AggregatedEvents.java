package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.socket.engine.EngineTraffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aggregatedEvents} of a {@code server_stats}: what the Socket.IO port did since the previous one, as the
 * Admin UI's charts read it (connections and disconnections, packets and bytes each way). The reference server
 * counts per second; here each report counts since the last one, stamped with its own second, which the charts add
 * up the same way.
 */
final class AggregatedEvents {

    /** The totals of the previous report; the port counts from zero when it opens. */
    private EngineTraffic.Totals last = new EngineTraffic.Totals(0, 0, 0, 0, 0, 0);

    /** @return the counts since the previous call (or the start), without the types that did not happen */
    synchronized List<Map<String, Object>> since(EngineTraffic.Totals now, Instant at) {
        EngineTraffic.Totals delta = now.since(last);
        last = now;
        long second = at.toEpochMilli() / 1000 * 1000;
        List<Map<String, Object>> events = new ArrayList<>();
        add(events, second, "rawConnection", delta.connectionsOpened());
        add(events, second, "rawDisconnection", delta.connectionsClosed());
        add(events, second, "packetsIn", delta.packetsIn());
        add(events, second, "packetsOut", delta.packetsOut());
        add(events, second, "bytesIn", delta.bytesIn());
        add(events, second, "bytesOut", delta.bytesOut());
        return events;
    }

    private static void add(List<Map<String, Object>> events, long timestamp, String type, long count) {
        if (count <= 0) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", timestamp);
        event.put("type", type);
        event.put("count", count);
        events.add(event);
    }
}
