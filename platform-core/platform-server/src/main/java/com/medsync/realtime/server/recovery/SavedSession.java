package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.spi.room.Room;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a socket that lost its connection leaves behind for its client to recover: kept under its private
 * session id (pid) as JSON in the platform store, so that any node sharing the store can restore it.
 *
 * @param socketId     the socket id the client had, and gets back
 * @param userId       the {@code sub} of the token it connected with; only that user may recover it
 * @param namespace    the namespace it was on; it is recovered there only
 * @param rooms        the rooms it was in
 * @param resumeOffset where a replay starts when the client names no offset (it received no event), empty
 *                     when no offset can tell
 */
public record SavedSession(String socketId, String userId, String namespace, Set<Room> rooms,
        Optional<String> resumeOffset) {

    public SavedSession {
        rooms = Set.copyOf(rooms);
    }

    String toJson(ObjectMapper mapper) {
        return toJson(mapper, Optional.empty());
    }

    /**
     * @param writer who wrote it, so that two writers of the same session never write equal texts and a
     *               compare-and-set on the text tells them apart
     */
    String toJson(ObjectMapper mapper, Optional<String> writer) {
        ObjectNode json = mapper.createObjectNode()
                .put("sid", socketId)
                .put("sub", userId)
                .put("nsp", namespace)
                .put("resume", resumeOffset.orElse(null));
        rooms.forEach(room -> json.withArray("rooms").add(room.name()));
        writer.ifPresent(id -> json.put("writer", id));
        return json.toString();
    }

    /** @throws IllegalArgumentException when the text is not a saved session */
    static SavedSession fromJson(ObjectMapper mapper, String text) {
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        Set<Room> rooms = new LinkedHashSet<>();
        for (JsonNode name : json.path("rooms")) {
            rooms.add(Room.parse(name.asText())
                    .orElseThrow(() -> new IllegalArgumentException("not a room: " + name)));
        }
        String socketId = json.path("sid").textValue();
        String userId = json.path("sub").textValue();
        String namespace = json.path("nsp").textValue();
        if (socketId == null || userId == null || namespace == null) {
            throw new IllegalArgumentException("sid, sub and nsp are required");
        }
        return new SavedSession(socketId, userId, namespace, rooms,
                Optional.ofNullable(json.path("resume").textValue()));
    }
}
