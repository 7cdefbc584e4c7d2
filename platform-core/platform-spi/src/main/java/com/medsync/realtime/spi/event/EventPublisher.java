package com.medsync.realtime.spi.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.room.Room;

import java.util.Optional;
import java.util.Set;

/**
 * Publishes canonical events from inside the platform (a webhook turned into {@code dispatch:updated}),
 * through the same path as the publish API: the event's owner validates it and chooses its rooms.
 */
public interface EventPublisher {

    /**
     * @param event          a canonical event name owned by a started feature
     * @param data           the payload
     * @param extraRooms     rooms added to the ones the owner derives
     * @param idempotencyKey when present, a second publish with the same key within 24 hours emits nothing
     * @return whether the event was emitted (false for a duplicate key)
     * @throws ContractViolation when the owner refuses the payload or no rooms can be derived
     * @throws IllegalArgumentException when no started feature owns the event
     */
    boolean publish(String event, JsonNode data, Set<Room> extraRooms, Optional<String> idempotencyKey)
            throws ContractViolation;
}
