package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.server.console.Page;
import com.medsync.realtime.server.console.RoomCount;
import com.medsync.realtime.server.console.RoomQuery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code GET /admin/rooms}: this node's rooms with their member counts, paged, by namespace then room. */
final class RoomsEndpoint {

    static final int MAX_FILTER_LENGTH = 128;

    private final RoomQuery rooms;

    RoomsEndpoint(RoomQuery rooms) {
        this.rooms = rooms;
    }

    HttpResponse list(HttpRequest request) {
        Optional<String> namespace = QueryParameters.checked(request, "namespace", name -> name.startsWith("/"),
                "a namespace such as /patient-pharmacy");
        Optional<String> contains = QueryParameters.checked(request, "q", text -> text.length() <= MAX_FILTER_LENGTH,
                "at most " + MAX_FILTER_LENGTH + " characters");
        Optional<RoomCount> after = QueryParameters.checked(request, "after",
                cursor -> RoomCount.fromCursor(cursor).isPresent(), "the 'next' of a previous page")
                .flatMap(RoomCount::fromCursor);
        int limit = QueryParameters.limit(request, ConnectionsEndpoint.DEFAULT_LIMIT, ConnectionsEndpoint.MAX_LIMIT);
        Page<RoomCount> page = rooms.page(namespace, contains, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rooms", page.items().stream().map(RoomsEndpoint::describe).toList());
        body.put("next", page.next().orElse(null));
        return HttpResponse.json(200, body);
    }

    private static Map<String, Object> describe(RoomCount room) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("namespace", room.namespace());
        entry.put("room", room.room());
        entry.put("members", room.members());
        return entry;
    }
}
