package com.medsync.realtime.spi.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.room.Room;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads required, typed members of a published payload, failing with a {@link ContractViolation} that names
 * the member by its dotted path ({@code pharmacy.id}; the platform adds {@code data.}). Every owner of an
 * event validates the same way, so every 422 reads the same.
 *
 * <pre>{@code
 * JsonNode pharmacy = PayloadFields.objectMember(data, "", "pharmacy");
 * String pharmacyId = PayloadFields.id(pharmacy, "pharmacy", "id");
 * }</pre>
 */
public final class PayloadFields {

    private PayloadFields() {
    }

    /** @return {@code node} itself when it is a JSON object */
    public static JsonNode object(JsonNode node, String path) throws ContractViolation {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ContractViolation(path, describe(path) + " is required");
        }
        if (!node.isObject()) {
            throw new ContractViolation(path, describe(path) + " must be an object");
        }
        return node;
    }

    /** @return the member {@code name} of {@code parent}, which must be an object */
    public static JsonNode objectMember(JsonNode parent, String parentPath, String name) throws ContractViolation {
        return object(parent.get(name), join(parentPath, name));
    }

    /** @return a non-blank string member */
    public static String text(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ContractViolation(path, describe(path) + " must be a non-empty string");
        }
        return value.textValue();
    }

    /** @return a string member usable as a room id ({@code [A-Za-z0-9_-]{1,128}}) */
    public static String id(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isTextual() || !Room.isValidId(value.textValue())) {
            throw new ContractViolation(path,
                    describe(path) + " must be a string of 1 to 128 letters, digits, '_' or '-'");
        }
        return value.textValue();
    }

    /** @return a string member that is one of {@code allowed} */
    public static String oneOf(JsonNode parent, String parentPath, String name, Set<String> allowed)
            throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            throw new ContractViolation(path, describe(path) + " must be one of " + String.join(", ",
                    new TreeSet<>(allowed)));
        }
        return value.textValue();
    }

    /** @return a whole-number member greater than zero */
    public static int positiveInt(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw new ContractViolation(path, describe(path) + " must be a whole number greater than 0");
        }
        return value.intValue();
    }

    /** @return a boolean member */
    public static boolean bool(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (!value.isBoolean()) {
            throw new ContractViolation(path, describe(path) + " must be true or false");
        }
        return value.booleanValue();
    }

    /** @return a member that must be present and either null or a string; null when it is null */
    public static String nullableText(JsonNode parent, String parentPath, String name) throws ContractViolation {
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
    public static OffsetDateTime timestamp(JsonNode parent, String parentPath, String name) throws ContractViolation {
        String path = join(parentPath, name);
        JsonNode value = present(parent, path, name);
        if (value.isTextual()) {
            try {
                // An offset is required: a local time means different instants to different readers.
                return IsoTimestamps.parse(value.textValue());
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
            throw new ContractViolation(path, describe(path) + " is required");
        }
        return value;
    }

    private static String join(String parentPath, String name) {
        return parentPath.isEmpty() ? name : parentPath + "." + name;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "data" : "'" + path + "'";
    }
}
