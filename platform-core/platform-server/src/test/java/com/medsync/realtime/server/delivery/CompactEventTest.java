package com.medsync.realtime.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CompactEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SequencedEvent sequenced(JsonNode data) {
        return new SequencedEvent("e-7", new OutboundEvent("ev_1", "order:new", data,
                Set.of(Room.parse("pharmacy:ph_1").orElseThrow(), Room.user("u1")), Optional.of("sock-1")), 42L);
    }

    private static CompactEvent held(SequencedEvent sequenced) {
        return new CompactEvent(sequenced, CompactEvent.Payload.of(sequenced.event()));
    }

    @Test
    void aHeldEventInflatesToAnEqualEvent() throws Exception {
        JsonNode data = JSON.readTree("""
                {"id":"o_1","quantity":2,"price":1250.5,"big":123456789012345678901234567890,"paid":false,
                 "note":null,"drugName":"Paracétamol \\u2603","items":[{"sku":"a"},[1,2.5e-3]],"empty":{}}""");
        SequencedEvent original = sequenced(data);

        CompactEvent held = held(original);

        assertThat(held.offset()).isEqualTo("e-7");
        assertThat(held.inflate()).isEqualTo(original);
        assertThat(held.inflate().event().data()).isNotSameAs(data);
        assertThat(held.inflate().event().dataJson().orElseThrow().utf8())
                .as("a replay sends the bytes the live delivery sent")
                .isEqualTo(original.event().dataJson().orElseThrow().utf8());
    }

    @Test
    void aPayloadWithBinaryAttachmentsKeepsThemBinary() {
        ObjectNode data = JSON.createObjectNode().put("caption", "scan");
        data.putArray("files").add(BinaryNode.valueOf(new byte[] {1, 2, 3}));

        SequencedEvent inflated = held(sequenced(data)).inflate();

        assertThat(inflated.event().data().path("files").get(0).isBinary()).isTrue();
        assertThat(inflated).isEqualTo(sequenced(data));
    }

    @Test
    void aPayloadThatIsNotAnObjectInflatesToo() {
        for (String json : new String[] {"\"text\"", "17", "null", "[true]"}) {
            SequencedEvent original;
            try {
                original = sequenced(JSON.readTree(json));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(held(original).inflate()).isEqualTo(original);
        }
    }
}
