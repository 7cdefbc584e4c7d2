package com.medsync.realtime.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.room.Room;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A canonical event on its way to sockets: the unit a broker carries between nodes and, later, the unit a
 * recovery buffer stores with its offset.
 *
 * @param id           unique id of this event (the publisher's idempotency key, or one the platform made)
 * @param name         the canonical event name
 * @param data         the payload, exactly as published
 * @param rooms        the rooms it goes to
 * @param exceptSocket a socket that must not receive it (the sender of a relayed client event)
 */
public record OutboundEvent(String id, String name, JsonNode data, Set<Room> rooms, Optional<String> exceptSocket) {

    public OutboundEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(exceptSocket, "exceptSocket");
        rooms = Set.copyOf(rooms);
    }

    public OutboundEvent(String id, String name, JsonNode data, Set<Room> rooms) {
        this(id, name, data, rooms, Optional.empty());
    }
}
