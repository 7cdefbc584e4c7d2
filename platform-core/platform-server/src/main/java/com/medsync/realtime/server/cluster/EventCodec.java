package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.medsync.realtime.server.event.JsonBytes;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.spi.room.Room;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link OutboundEvent} as one JSON string in a stream entry, and back.
 *
 * <p>The payload travels as the JSON text the publishing node already wrote ({@link OutboundEvent#dataJson}), and
 * every reading node keeps that text next to the tree it parses: the payload is written once for the cluster,
 * not once more by each node's encoder.
 */
final class EventCodec {

    private final ObjectMapper mapper;

    EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String encode(OutboundEvent event) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", event.id());
        json.put("name", event.name());
        Optional<JsonBytes> data = event.dataJson();
        if (data.isPresent()) {
            json.putRawValue("data", new RawValue(new String(data.get().utf8(), StandardCharsets.UTF_8)));
        } else {
            json.set("data", event.data());
        }
        event.rooms().forEach(room -> json.withArray("rooms").add(room.name()));
        event.exceptSocket().ifPresent(socket -> json.put("except", socket));
        return json.toString();
    }

    /** @throws IllegalArgumentException when the entry is not an event this codec wrote */
    OutboundEvent decode(String encoded) {
        try (JsonParser parser = mapper.createParser(encoded)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                fields.read(field, parser, encoded);
            }
            return fields.event();
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** The fields of one entry as the parser meets them; unknown fields are skipped (a newer node's). */
    private final class Fields {

        private String id;
        private String name;
        private JsonNode data;
        private String dataText;
        private final Set<Room> rooms = new LinkedHashSet<>();
        private Optional<String> except = Optional.empty();

        void read(String field, JsonParser parser, String encoded) throws IOException {
            switch (field) {
                case "id" -> id = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "name" -> name = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "data" -> {
                    // Offsets in chars of the entry's string: the value's text exactly as the publisher wrote it.
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    data = mapper.readTree(parser);
                    dataText = encoded.substring(start, (int) parser.currentLocation().getCharOffset());
                }
                case "rooms" -> {
                    for (JsonNode room : (JsonNode) mapper.readTree(parser)) {
                        rooms.add(Room.parse(room.asText())
                                .orElseThrow(() -> new IllegalArgumentException("invalid room " + room)));
                    }
                }
                case "except" -> except = parser.currentToken() == JsonToken.VALUE_STRING
                        ? Optional.of(parser.getText()) : Optional.empty();
                default -> parser.skipChildren();
            }
        }

        OutboundEvent event() {
            if (id == null || name == null || data == null) {
                throw new IllegalArgumentException("id, name or data missing");
            }
            return OutboundEvent.withDataJson(id, name, data,
                    new JsonBytes(dataText.getBytes(StandardCharsets.UTF_8)), rooms, except);
        }
    }
}
