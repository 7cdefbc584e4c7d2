package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The members of the admin API's objects as table cells: one that is missing or null is empty (shown as -). */
final class Fields {

    private Fields() {
    }

    static String text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    /** The items of an array member, comma-separated. */
    static String list(JsonNode object, String field) {
        List<String> items = new ArrayList<>();
        object.path(field).forEach(item -> items.add(item.asText()));
        return String.join(", ", items);
    }
}
