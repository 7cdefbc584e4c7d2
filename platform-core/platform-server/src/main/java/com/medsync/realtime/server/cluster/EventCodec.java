package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.spi.room.Room;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** An {@link OutboundEvent} as one JSON string in a stream entry, and back. */
final class EventCodec {

    private final ObjectMapper mapper;

    EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String encode(OutboundEvent event) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", event.id());
        json.put("name", event.name());
        json.set("data", event.data());
        event.rooms().forEach(room -> json.withArray("rooms").add(room.name()));
        event.exceptSocket().ifPresent(socket -> json.put("except", socket));
        return json.toString();
    }

    /** @throws IllegalArgumentException when the entry is not an event this codec wrote */
    OutboundEvent decode(String encoded) {
        JsonNode json;
        try {
            json = mapper.readTree(encoded);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.path("id").isTextual() || !json.path("name").isTextual() || !json.has("data")) {
            throw new IllegalArgumentException("id, name or data missing");
        }
        Set<Room> rooms = new LinkedHashSet<>();
        for (JsonNode name : json.path("rooms")) {
            rooms.add(Room.parse(name.asText())
                    .orElseThrow(() -> new IllegalArgumentException("invalid room " + name)));
        }
        Optional<String> except = json.path("except").isTextual()
                ? Optional.of(json.path("except").asText()) : Optional.empty();
        return new OutboundEvent(json.path("id").asText(), json.path("name").asText(), json.get("data"), rooms, except);
    }
}
