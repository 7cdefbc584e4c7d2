package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.server.console.AuditHistory;
import com.medsync.realtime.server.console.AuditTrail;
import com.medsync.realtime.server.console.EventTail;
import com.medsync.realtime.spi.room.Room;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bounded tails: {@code GET /admin/audit}, the last admin changes, newest first (this node's, or in a cluster
 * every node's from Redis, {@code source} saying which); {@code GET /admin/events}, the last events this node
 * saw, oldest first from a cursor ({@code after} = the {@code last} of the previous answer), never with a payload.
 */
final class RecentActivityEndpoints {

    static final int AUDIT_DEFAULT_LIMIT = 50;
    static final int EVENTS_DEFAULT_LIMIT = 100;

    private final AuditHistory audit;
    private final EventTail events;

    RecentActivityEndpoints(AuditHistory audit, EventTail events) {
        this.audit = audit;
        this.events = events;
    }

    HttpResponse audit(HttpRequest request) {
        int limit = QueryParameters.limit(request, AUDIT_DEFAULT_LIMIT, AuditTrail.CAPACITY);
        AuditHistory.Recent recent = audit.recent(limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", recent.entries().stream().map(AuditHistory.Entry::fields).toList());
        body.put("source", recent.source().name().toLowerCase(Locale.ROOT));
        recent.problem().ifPresent(problem -> body.put("problem", problem));
        return HttpResponse.json(200, body);
    }

    HttpResponse events(HttpRequest request) {
        EventTail.Tail tail = events.tail(QueryParameters.sequence(request, "after"),
                QueryParameters.limit(request, EVENTS_DEFAULT_LIMIT, EventTail.CAPACITY));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", tail.events().stream().map(RecentActivityEndpoints::describe).toList());
        body.put("last", tail.last());
        return HttpResponse.json(200, body);
    }

    private static Map<String, Object> describe(EventTail.Seen event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", event.seq());
        entry.put("at", Instant.ofEpochMilli(event.atMillis()).toString());
        entry.put("source", event.source());
        entry.put("name", event.name());
        entry.put("namespace", event.namespace());
        entry.put("rooms", event.rooms().stream().map(Room::name).sorted().toList());
        entry.put("bytes", event.bytes());
        return entry;
    }
}
