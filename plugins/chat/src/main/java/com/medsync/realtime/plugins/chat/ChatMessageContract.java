package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.room.Room;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Owns {@code chat:message} on the publish API: checks the payload against the frontend's contract and
 * routes it to {@code chat:{roomId}}.
 *
 * <pre>{@code
 * {id, roomId, senderId, senderType: patient|pharmacy|system, content,
 *  messageType: TEXT|IMAGE|FILE, createdAt: ISO-8601 instant}
 * }</pre>
 *
 * <p>Every field is required and must be a string. Members beyond these are allowed: the platform sends the
 * payload exactly as published, so the backend can add fields before the frontend needs them.
 */
final class ChatMessageContract implements PublishedEventHandler {

    static final String EVENT = "chat:message";
    static final Set<String> SENDER_TYPES = Set.of("patient", "pharmacy", "system");
    static final Set<String> MESSAGE_TYPES = Set.of("TEXT", "IMAGE", "FILE");

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public Routing route(JsonNode data) throws ContractViolation {
        if (data == null || !data.isObject()) {
            throw new ContractViolation("", "chat:message data must be an object");
        }
        // Checked in the contract's field order, so the first violation reported is predictable.
        nonBlank(data, "id");
        String roomId = text(data, "roomId");
        if (!Room.isValidId(roomId)) {
            throw new ContractViolation("roomId", "roomId must match [A-Za-z0-9_-]{1,128}");
        }
        nonBlank(data, "senderId");
        oneOf(data, "senderType", "patient, pharmacy, system", SENDER_TYPES);
        text(data, "content");
        oneOf(data, "messageType", "TEXT, IMAGE, FILE", MESSAGE_TYPES);
        instant(data, "createdAt");
        return Routing.to(Room.chat(roomId));
    }

    private static String text(JsonNode data, String field) throws ContractViolation {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            throw new ContractViolation(field, field + " is required");
        }
        if (!value.isTextual()) {
            throw new ContractViolation(field, field + " must be a string");
        }
        return value.textValue();
    }

    private static void nonBlank(JsonNode data, String field) throws ContractViolation {
        // An empty id identifies nothing: the frontend keys messages and senders by these.
        if (text(data, field).isBlank()) {
            throw new ContractViolation(field, field + " must not be empty");
        }
    }

    private static void oneOf(JsonNode data, String field, String listed, Set<String> allowed)
            throws ContractViolation {
        if (!allowed.contains(text(data, field))) {
            throw new ContractViolation(field, field + " must be one of " + listed);
        }
    }

    private static void instant(JsonNode data, String field) throws ContractViolation {
        String value = text(data, field);
        try {
            Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                // An explicit offset (+01:00) names an instant as well as Z does.
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException notOffsetDateTime) {
                throw new ContractViolation(field, field
                        + " must be an ISO-8601 instant such as 2024-12-20T10:30:00Z");
            }
        }
    }
}
