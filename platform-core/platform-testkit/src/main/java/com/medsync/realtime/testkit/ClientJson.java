package com.medsync.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Converts between Jackson trees, which tests work with, and the org.json values of the Java Socket.IO client.
 * Both directions walk the tree instead of printing and re-parsing it, so numbers keep their exact type and
 * precision (the client's org.json would read a long decimal as a double).
 */
final class ClientJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ClientJson() {
    }

    /** @return what the client delivered (an argument of an event, ack or connect_error) as a Jackson tree */
    static JsonNode toTree(Object value) {
        if (value == null || JSONObject.NULL.equals(value)) {
            return NODES.nullNode();
        }
        if (value instanceof JSONObject object) {
            ObjectNode node = NODES.objectNode();
            for (Iterator<?> keys = object.keys(); keys.hasNext(); ) {
                String key = String.valueOf(keys.next());
                node.set(key, toTree(object.opt(key)));
            }
            return node;
        }
        if (value instanceof JSONArray array) {
            ArrayNode node = NODES.arrayNode();
            for (int i = 0; i < array.length(); i++) {
                node.add(toTree(array.opt(i)));
            }
            return node;
        }
        if (value instanceof Throwable error) {
            // A transport failure (connect_error from Engine.IO): its message is what a test checks.
            ObjectNode node = NODES.objectNode().put("message", String.valueOf(error.getMessage()));
            return error.getCause() == null ? node : node.put("cause", error.getCause().toString());
        }
        return MAPPER.valueToTree(value);
    }

    /** @return the client's arguments as one Jackson array */
    static ArrayNode toTrees(Object... values) {
        ArrayNode array = NODES.arrayNode();
        for (Object value : values) {
            array.add(toTree(value));
        }
        return array;
    }

    /**
     * @param value a Jackson tree, or anything Jackson can turn into one (a Map, a List, a record, a String)
     * @return what the client sends as that JSON value
     */
    static Object toClient(Object value) {
        JsonNode node = value instanceof JsonNode tree ? tree : MAPPER.valueToTree(value);
        try {
            return toOrgJson(node);
        } catch (JSONException e) {
            throw new IllegalArgumentException("the Java client cannot send " + node, e);
        }
    }

    private static Object toOrgJson(JsonNode node) throws JSONException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JSONObject.NULL;
        }
        if (node.isObject()) {
            JSONObject object = new JSONObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                object.put(field.getKey(), toOrgJson(field.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            JSONArray array = new JSONArray();
            for (JsonNode element : node) {
                array.put(toOrgJson(element));
            }
            return array;
        }
        if (node.isBinary()) {
            return ((BinaryNode) node).binaryValue();
        }
        if (node.isNumber()) {
            return number(node);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static Number number(JsonNode node) {
        Number number = node.numberValue();
        // org.json refuses non-finite doubles; JSON has none either, so only a constructed tree can hold one.
        if (number instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("JSON has no number " + d);
        }
        return number;
    }
}
