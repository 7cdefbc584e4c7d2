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

    /**
     * @param data the event's payload, shared by every namespace and node that sends it: pass it on as it is, or
     *             build a new tree from it; never change it in place (the platform sends the JSON it wrote for it
     *             once, which would no longer match)
     */
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
