package com.medsync.realtime.server.socket.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.medsync.realtime.server.event.JsonBytes;
import com.medsync.realtime.server.event.Payloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares event and ack arguments for netty-socketio's encoder, which serializes a packet's arguments again
 * for every socket it is sent to.
 *
 * <ul>
 *   <li>Values without bytes, nearly all of them, are serialized here, once, to UTF-8 JSON
 *       ({@link EncodedArguments}) that {@link PreEncodedJsonSupport} copies as it is: one broadcast packet,
 *       shared by all its recipients, costs one serialization instead of one per socket. A value that comes
 *       as {@link JsonBytes} (a published payload, already written for the whole server) is copied.</li>
 *   <li>Arguments that carry bytes become plain lists and maps with {@code byte[]} values, which the encoder
 *       sends as binary attachments (with their placeholders in the JSON); it would write a Jackson binary node
 *       as a base64 string.</li>
 * </ul>
 */
final class EncoderArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EncoderArguments() {
    }

    /** The values of an event packet: its name, then its arguments. */
    static List<?> forEvent(String event, List<?> args) {
        if (anyBinary(args)) {
            return plain(args);
        }
        List<Object> values = new ArrayList<>(args.size() + 1);
        values.add(event);
        values.addAll(args);
        return List.of(encodedOnce(values));
    }

    /** The values of an ack packet: its arguments. */
    static List<?> forAck(List<?> args) {
        return anyBinary(args) ? plain(args) : List.of(encodedOnce(args));
    }

    private static boolean anyBinary(List<?> args) {
        for (Object arg : args) {
            if (arg instanceof JsonNode node && Payloads.containsBinary(node)) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> plain(List<?> args) {
        List<Object> converted = new ArrayList<>(args.size());
        for (Object arg : args) {
            if (arg instanceof JsonNode node) {
                converted.add(plain(node));
            } else {
                // Written JSON next to an argument with bytes (no path does this today): the encoder needs a tree.
                converted.add(arg instanceof JsonBytes json ? json.tree() : arg);
            }
        }
        return converted;
    }

    private static EncodedArguments encodedOnce(List<?> values) {
        try {
            return new EncodedArguments(anyWritten(values) ? joined(values) : JSON.writeValueAsBytes(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize event arguments: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean anyWritten(List<?> values) {
        for (Object value : values) {
            if (value instanceof JsonBytes) {
                return true;
            }
        }
        return false;
    }

    /** The JSON array of the values, copying those already written instead of writing them again. */
    private static byte[] joined(List<?> values) throws JsonProcessingException {
        ByteArrayBuilder array = new ByteArrayBuilder();
        array.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            Object value = values.get(i);
            if (value instanceof JsonBytes json) {
                array.write(json.utf8());
            } else if (value instanceof String text && !hasSurrogates(text)) {
                // The event's name and offset: quoted directly, a generator for each would cost more. The
                // generator writes a character outside the BMP as an escaped pair (and a lone surrogate at all):
                // such a name goes to it, so the bytes stay the ones it writes.
                array.append('"');
                array.write(JsonStringEncoder.getInstance().quoteAsUTF8(text));
                array.append('"');
            } else {
                array.write(JSON.writeValueAsBytes(value));
            }
        }
        array.append(']');
        return array.toByteArray();
    }

    private static boolean hasSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
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
