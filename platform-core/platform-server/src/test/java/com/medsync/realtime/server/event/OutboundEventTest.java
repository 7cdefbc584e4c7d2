package com.medsync.realtime.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundEventTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void itsPayloadIsWrittenOnceAsJacksonWritesTheTree() throws Exception {
        ObjectNode order = NODES.objectNode().put("orderId", "o-1").put("note", "caf\u00e9");
        Room pharmacy = Room.parse("pharmacy:p-1").orElseThrow();
        OutboundEvent event = new OutboundEvent("e-1", "order:new", order, Set.of(pharmacy));

        JsonBytes json = event.dataJson().orElseThrow();

        assertThat(json.utf8()).isEqualTo(new ObjectMapper().writeValueAsBytes(order));
        assertThat(event.dataJson().orElseThrow()).as("the same bytes, not written again").isSameAs(json);
    }

    @Test
    void aPayloadWithBytesHasNoJson() {
        ObjectNode message = NODES.objectNode().set("file", new BinaryNode(new byte[] {1, 2, 3}));
        OutboundEvent event = new OutboundEvent("e-2", "chat:message", message, Set.of());

        assertThat(event.dataJson()).isEmpty();
    }

    @Test
    void eventsAreEqualByWhatTheyCarry() {
        OutboundEvent one = new OutboundEvent("e-3", "order:new", NODES.objectNode().put("a", 1), Set.of());
        OutboundEvent same = new OutboundEvent("e-3", "order:new", NODES.objectNode().put("a", 1), Set.of());
        one.dataJson();

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(new OutboundEvent("e-4", "order:new", NODES.objectNode().put("a", 1), Set.of()));
    }
}
