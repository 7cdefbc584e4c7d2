package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventCodec codec = new EventCodec(JSON);
    private final Room pharmacy = Room.parse("pharmacy:p-1").orElseThrow();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"o-1\",\"note\":\"caf\u00e9 \\\"quoted\\\" \\u0001 \ud83d\udc8a\",\"items\":[1,2.5,true,null,{}]}",
        "[1,[2,[3]],\"x\"]",
        "\"just a string with \\\\ and \\n\"",
        "-12.5e3",
        "123",
        "true",
        "null",
        "{}"
    })
    void anEventComesBackEqualWithItsPayloadTextAsWritten(String payload) throws Exception {
        JsonNode data = JSON.readTree(payload);
        OutboundEvent sent = new OutboundEvent("e-1", "order:new", data, Set.of(pharmacy), Optional.of("sock-1"));

        OutboundEvent received = codec.decode(codec.encode(sent));

        assertThat(received).isEqualTo(sent);
        assertThat(received.dataJson().orElseThrow().utf8())
                .as("the text every node's encoder copies").isEqualTo(JSON.writeValueAsBytes(data));
    }

    @Test
    void aPayloadWithBytesTravelsAsBase64TextAsBefore() {
        JsonNode data = JsonNodeFactory.instance.objectNode().set("file", new BinaryNode(new byte[] {1, 2, 3}));
        OutboundEvent sent = new OutboundEvent("e-2", "chat:message", data, Set.of(pharmacy));

        OutboundEvent received = codec.decode(codec.encode(sent));

        assertThat(received.data().path("file").asText()).isEqualTo("AQID");
        assertThat(received.dataJson().orElseThrow().utf8()).isEqualTo("{\"file\":\"AQID\"}".getBytes());
    }

    @Test
    void fieldsInAnyOrderAndUnknownFieldsAreRead() {
        OutboundEvent received = codec.decode(
                "{\"future\":{\"a\":[1]},\"rooms\":[\"pharmacy:p-1\"],\"data\":{ \"a\" : 1 },\"name\":\"n\",\"id\":\"i\"}");

        assertThat(received.id()).isEqualTo("i");
        assertThat(received.rooms()).containsExactly(pharmacy);
        assertThat(received.exceptSocket()).isEmpty();
        assertThat(new String(received.dataJson().orElseThrow().utf8())).isEqualTo("{ \"a\" : 1 }");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "not json", "{\"id\":\"i\",\"name\":\"n\"}", "{\"id\":1,\"name\":\"n\",\"data\":1}",
        "{\"id\":\"i\",\"name\":\"n\",\"data\":1,\"rooms\":[\"no room\"]}"})
    void anEntryThisCodecDidNotWriteIsRefused(String entry) {
        assertThatThrownBy(() -> codec.decode(entry)).isInstanceOf(IllegalArgumentException.class);
    }
}
