package com.medsync.realtime.spi.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What one canonical event becomes on one namespace: the events sent, in order. The canonical namespace
 * sends each event once, unchanged; a legacy namespace can follow it with aliases.
 */
@FunctionalInterface
public interface EventTranslator {

    /** Sends every canonical event once, unchanged. */
    EventTranslator CANONICAL = (event, data) -> List.of(new Emission(event, data));

    List<Emission> translate(String event, JsonNode data);

    /**
     * One event as sent to sockets.
     *
     * @param event the name the client receives
     * @param data  the payload, sent as it is
     */
    record Emission(String event, JsonNode data) {
    }
}
