package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares event and ack arguments that carry bytes for netty-socketio's encoder, which sends a
 * {@code byte[]} as a binary attachment (with its placeholder in the JSON) but would write a Jackson binary
 * node as a base64 string. Arguments without bytes, nearly all of them, pass through untouched.
 */
final class BinaryArguments {

    private BinaryArguments() {
    }

    static List<?> forEncoder(List<?> args) {
        boolean anyBinary = false;
        for (Object arg : args) {
            if (arg instanceof JsonNode node && containsBinary(node)) {
                anyBinary = true;
                break;
            }
        }
        if (!anyBinary) {
            return args;
        }
        List<Object> converted = new ArrayList<>(args.size());
        for (Object arg : args) {
            converted.add(arg instanceof JsonNode node ? plain(node) : arg);
        }
        return converted;
    }

    private static boolean containsBinary(JsonNode node) {
        if (node.isBinary()) {
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (containsBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Bytes as {@code byte[]}, containers as lists and maps, every other value left as its node. */
    private static Object plain(JsonNode node) {
        if (node instanceof BinaryNode binary) {
            return binary.binaryValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(child -> list.add(plain(child)));
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), plain(field.getValue())));
            return map;
        }
        return node;
    }
}
