package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What one canonical event becomes on one namespace: the list of events sent, in order. The canonical
 * namespace sends the event as it is; a legacy namespace adds its aliases after it.
 */
@FunctionalInterface
public interface EventTranslation {

    /** Sends every canonical event once, unchanged. */
    EventTranslation CANONICAL = (event, data) -> List.of(new Emission(event, data));

    List<Emission> translate(String event, JsonNode data);

    /** One event as sent to sockets. */
    record Emission(String event, JsonNode data) {
    }
}
