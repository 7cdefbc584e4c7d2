package com.medsync.realtime.spi.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Owns one canonical event name on the publish API ({@code POST /api/v1/events}): checks its {@code data}
 * against the contract and chooses the rooms it goes to. An event name no started handler owns is
 * answered 404.
 */
public interface PublishedEventHandler {

    /** @return the canonical event name owned, such as {@code order:new} */
    String eventName();

    /**
     * Validates a published payload and derives its rooms. Called before anything is emitted; a violation
     * refuses the whole request.
     *
     * <p>Must not block: on a single node the publish API calls it on a network thread, where other requests
     * wait while it runs. The platform's {@link com.medsync.realtime.spi.store.KeyValueStore} is safe to use
     * (in memory on one node; with Redis the publish API calls this on a handler thread); a call to another
     * service belongs elsewhere, such as an extension's own executor.
     *
     * @param data the {@code data} member of the envelope, exactly as published
     * @return the rooms the event goes to (the envelope's {@code to} rooms are added by the platform)
     * @throws ContractViolation when the payload breaks the contract or its rooms cannot be derived
     */
    Routing route(JsonNode data) throws ContractViolation;
}
