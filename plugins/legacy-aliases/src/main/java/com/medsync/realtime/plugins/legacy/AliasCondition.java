package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * A condition on an event's payload: the value at a dotted path of objects equals a given scalar, such as
 * {@code dispatch.status} equals {@code DELIVERED}. A path that does not exist in the payload does not match.
 *
 * @param path   the member names from the payload's root, such as {@code [dispatch, status]}
 * @param equals the string, number or boolean the value must equal (no conversion: {@code "1"} is not {@code 1})
 */
record AliasCondition(List<String> path, JsonNode equals) {

    AliasCondition {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must not be empty");
        }
        if (!equals.isValueNode() || equals.isNull()) {
            throw new IllegalArgumentException("equals must be a string, number or boolean");
        }
    }

    static AliasCondition equalsText(String dottedPath, String value) {
        return new AliasCondition(List.of(dottedPath.split("\\.")), TextNode.valueOf(value));
    }

    boolean matches(JsonNode data) {
        JsonNode value = data;
        for (String member : path) {
            if (value == null || !value.isObject()) {
                return false;
            }
            value = value.get(member);
        }
        if (value == null) {
            return false;
        }
        if (value.isNumber() && equals.isNumber()) {
            // 2 and 2.0 are the same number whichever way the backend or HOCON wrote it.
            return value.decimalValue().compareTo(equals.decimalValue()) == 0;
        }
        return value.equals(equals);
    }

    /** @return the path as written in the configuration, {@code dispatch.status} */
    String dottedPath() {
        return String.join(".", path);
    }
}
