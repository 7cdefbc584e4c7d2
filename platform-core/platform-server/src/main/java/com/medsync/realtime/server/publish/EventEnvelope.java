package com.medsync.realtime.server.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.publish.PublishRejected.Reason;
import com.medsync.realtime.spi.room.Room;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One event of a publish request: {@code {"event", "data", "to"?, "id"?}}. Unknown members are refused,
 * so a misspelt {@code "to"} never silently sends an event to fewer rooms than meant.
 */
record EventEnvelope(int index, String event, JsonNode data, Set<Room> to, Optional<String> id) {

    private static final Set<String> MEMBERS = Set.of("event", "data", "to", "id");
    private static final int MAX_ID_LENGTH = 200;

    static EventEnvelope parse(JsonNode node, int index) throws PublishRejected {
        if (!node.isObject()) {
            throw malformed(index, "", "each event must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw malformed(index, name, "unknown member '" + name + "' (allowed: event, data, to, id)");
            }
        }
        JsonNode event = node.get("event");
        if (event == null || !event.isTextual() || event.asText().isBlank()) {
            throw malformed(index, "event", "event must be a non-empty string");
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            throw malformed(index, "data", "data is required");
        }
        return new EventEnvelope(index, event.asText(), data, rooms(node.get("to"), index), id(node.get("id"), index));
    }

    private static Set<Room> rooms(JsonNode to, int index) throws PublishRejected {
        Set<Room> rooms = new LinkedHashSet<>();
        if (to == null) {
            return rooms;
        }
        if (!to.isArray()) {
            throw malformed(index, "to", "to must be an array of room names");
        }
        for (int i = 0; i < to.size(); i++) {
            JsonNode name = to.get(i);
            Optional<Room> room = name.isTextual() ? Room.parse(name.asText()) : Optional.empty();
            if (room.isEmpty()) {
                throw malformed(index, "to[" + i + "]", "to[" + i + "] is not a room name (pharmacy:, chat:,"
                        + " dispatch: or user: followed by [A-Za-z0-9_-]{1,128})");
            }
            rooms.add(room.get());
        }
        return rooms;
    }

    private static Optional<String> id(JsonNode id, int index) throws PublishRejected {
        if (id == null) {
            return Optional.empty();
        }
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_ID_LENGTH) {
            throw malformed(index, "id", "id must be a string of 1 to " + MAX_ID_LENGTH + " characters");
        }
        return Optional.of(id.asText());
    }

    static PublishRejected malformed(int index, String field, String message) {
        return new PublishRejected(Reason.MALFORMED, message, location(index, field));
    }

    static Map<String, Object> location(int index, String field) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (index >= 0) {
            details.put("index", index);
        }
        if (!field.isEmpty()) {
            details.put("field", field);
        }
        return details;
    }
}
