package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.room.Room;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads required, typed members of a published payload, failing with a {@link ContractViolation} that names
 * the member by its dotted path (the platform prefixes {@code data.}).
 */
final class Fields {

    private Fields() {
    }

    /** @return {@code node} itself when it is a JSON object */
    static JsonNode object(JsonNode node, String path) throws ContractViolation {
        if (node == null || node.isMissingNode()) {
            throw new ContractViolation(path, required(path));
        }
        if (!node.isObject()) {
            throw new ContractViolation(path, describe(path) + " must be an object");
        }
        return node;
    }

    /** @return the member {@code name} of {@code parent}, which must be an object */
    static JsonNode objectMember(JsonNode parent, String parentPath, String name) throws ContractViolation {
        return object(parent.get(name), join(parentPath, name));
    }

    /** @return a non-blank string member */
    static String text(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ContractViolation(path, describe(path) + " must be a non-empty string");
        }
        return value.textValue();
    }

    /** @return a string member usable as a room id ({@code [A-Za-z0-9_-]{1,128}}) */
    static String id(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isTextual() || !Room.isValidId(value.textValue())) {
            throw new ContractViolation(path, describe(path) + " must be a string of 1 to 128 letters, digits, '_' or '-'");
        }
        return value.textValue();
    }

    /** @return a member that must be present and either null or a string; null when it is null */
    static String nullableText(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = parent.get(name);
        if (value == null) {
            throw new ContractViolation(path, describe(path) + " is required (null when there is none)");
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ContractViolation(path, describe(path) + " must be a string or null");
        }
        return value.textValue();
    }

    /** @return an ISO-8601 timestamp member with an offset, such as {@code 2024-12-20T10:30:00Z} */
    static OffsetDateTime timestamp(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (value.isTextual()) {
            try {
                // An offset is required: a local time means different instants to different readers.
                return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw new ContractViolation(path,
                describe(path) + " must be an ISO-8601 timestamp with offset, such as 2024-12-20T10:30:00Z");
    }

    private static JsonNode present(JsonNode parent, String path, String name) throws ContractViolation {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw new ContractViolation(path, required(path));
        }
        return value;
    }

    private static String join(String parentPath, String name) {
        return parentPath.isEmpty() ? name : parentPath + "." + name;
    }

    private static String required(String path) {
        return describe(path) + " is required";
    }

    private static String describe(String path) {
        return path.isEmpty() ? "data" : "'" + path + "'";
    }
}
