package com.medsync.realtime.server.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.room.Room;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A canonical event on its way to sockets: the unit a broker carries between nodes and, later, the unit a
 * recovery buffer stores with its offset.
 *
 * <p>Its payload is written as JSON once, on first use ({@link #dataJson()}): the operator console's tail
 * counts its size, the recovery log holds it and the socket encoder sends it, and each of them used to write the
 * tree again. A payload is never changed after it is published, so the bytes stay what the tree says.
 */
public final class OutboundEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String name;
    private final JsonNode data;
    private final Set<Room> rooms;
    private final Optional<String> exceptSocket;
    /** Null until first asked for; two threads that both write it get equal bytes, so the race is harmless. */
    private volatile Optional<JsonBytes> dataJson;

    /**
     * @param id           unique id of this event (the publisher's idempotency key, or one the platform made)
     * @param name         the canonical event name
     * @param data         the payload, exactly as published
     * @param rooms        the rooms it goes to
     * @param exceptSocket a socket that must not receive it (the sender of a relayed client event)
     */
    public OutboundEvent(String id, String name, JsonNode data, Set<Room> rooms, Optional<String> exceptSocket) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.data = Objects.requireNonNull(data, "data");
        this.rooms = Set.copyOf(rooms);
        this.exceptSocket = Objects.requireNonNull(exceptSocket, "exceptSocket");
    }

    public OutboundEvent(String id, String name, JsonNode data, Set<Room> rooms) {
        this(id, name, data, rooms, Optional.empty());
    }

    /**
     * An event whose payload arrived as JSON text as well as a tree (a cluster's stream entry): those bytes are
     * its {@link #dataJson()}, so no node writes the tree again.
     *
     * @param dataJson the UTF-8 JSON of {@code data}, without binary attachments
     */
    public static OutboundEvent withDataJson(String id, String name, JsonNode data, JsonBytes dataJson,
            Set<Room> rooms, Optional<String> exceptSocket) {
        OutboundEvent event = new OutboundEvent(id, name, data, rooms, exceptSocket);
        event.dataJson = Optional.of(dataJson);
        return event;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public JsonNode data() {
        return data;
    }

    public Set<Room> rooms() {
        return rooms;
    }

    public Optional<String> exceptSocket() {
        return exceptSocket;
    }

    /**
     * @return the payload as JSON bytes, written on the first call; empty when it holds binary attachments (a
     *     relayed client event's), which JSON text would turn into base64 strings
     */
    public Optional<JsonBytes> dataJson() {
        Optional<JsonBytes> json = dataJson;
        if (json == null) {
            json = Payloads.containsBinary(data) ? Optional.empty() : Optional.of(new JsonBytes(write(data)));
            dataJson = json;
        }
        return json;
    }

    private static byte[] write(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            // A tree of JSON nodes always serializes; this would be a bug, not bad input.
            throw new IllegalStateException("A payload did not serialize", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundEvent event && id.equals(event.id) && name.equals(event.name)
                && data.equals(event.data) && rooms.equals(event.rooms) && exceptSocket.equals(event.exceptSocket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, data, rooms, exceptSocket);
    }

    @Override
    public String toString() {
        return "OutboundEvent[id=" + id + ", name=" + name + ", data=" + data + ", rooms=" + rooms
                + ", exceptSocket=" + exceptSocket + "]";
    }
}
