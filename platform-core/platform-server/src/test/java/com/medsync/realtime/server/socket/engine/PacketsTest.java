package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;

import com.medsync.realtime.server.event.JsonBytes;
import com.medsync.realtime.server.event.OutboundEvent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PacketsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final PacketEncoder encoder = new PacketEncoder(new Configuration(),
            new PreEncodedJsonSupport(new JacksonJsonSupport()));

    @Test
    void anEventIsEncodedOnceIntoTheBytesNettySocketIoWouldWrite() throws IOException {
        ObjectNode order = NODES.objectNode().put("orderId", "o-1").put("note", "caf\u00e9 \u2713");
        Packet packet = EnginePacket.unwrap(Packets.event("/patient-pharmacy", "order:new", List.of(order, NODES.textNode("7-0"))));

        assertThat(packet).isInstanceOf(PreEncodedPacket.class);
        String payload = ((PreEncodedPacket) packet).payload().toString(StandardCharsets.UTF_8);
        assertThat(payload).isEqualTo(
                "42/patient-pharmacy,[\"order:new\",{\"orderId\":\"o-1\",\"note\":\"caf\u00e9 \u2713\"},\"7-0\"]");
        assertThat(payload).as("what a polling client is sent").isEqualTo(encodedByNettySocketIo(packet));
    }

    @Test
    void aPayloadAlreadyWrittenIsCopiedIntoTheSameBytes() throws IOException {
        ObjectNode order = NODES.objectNode().put("orderId", "o-1").put("note", "caf\u00e9 \u2713 \"quoted\"");
        OutboundEvent event = new OutboundEvent("e-1", "order:new", order, Set.of());
        JsonBytes written = event.dataJson().orElseThrow();

        String name = "order:\"new\"";
        Packet fromTree = EnginePacket.unwrap(Packets.event("/patient-pharmacy", name, List.of(order, "7-0")));
        Packet fromBytes = EnginePacket.unwrap(Packets.event("/patient-pharmacy", name, List.of(written, "7-0")));

        assertThat(fromBytes).isInstanceOf(PreEncodedPacket.class);
        String payload = ((PreEncodedPacket) fromBytes).payload().toString(StandardCharsets.UTF_8);
        assertThat(payload).isEqualTo(((PreEncodedPacket) fromTree).payload().toString(StandardCharsets.UTF_8))
                .isEqualTo(encodedByNettySocketIo(fromBytes));
    }

    @Test
    void anEventNameOutsideTheBasicPlaneIsWrittenAsTheGeneratorWritesIt() throws IOException {
        OutboundEvent event = new OutboundEvent("e-1", "order:new", NODES.objectNode().put("a", 1), Set.of());
        for (String name : List.of("order:new\ud83d\udc8a", "order:new\ud800")) {
            Packet fromTree = EnginePacket.unwrap(Packets.event("/", name, List.of(event.data(), "7-0")));
            Packet fromBytes = EnginePacket.unwrap(Packets.event("/", name,
                    List.of(event.dataJson().orElseThrow(), "7-0")));

            assertThat(((PreEncodedPacket) fromBytes).payload().toString(StandardCharsets.UTF_8))
                    .isEqualTo(((PreEncodedPacket) fromTree).payload().toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theMainNamespaceIsNotWritten() throws IOException {
        Packet packet = EnginePacket.unwrap(Packets.event("/", "order:new", List.of(NODES.numberNode(1))));

        assertThat(((PreEncodedPacket) packet).payload().toString(StandardCharsets.UTF_8))
                .isEqualTo("42[\"order:new\",1]")
                .isEqualTo(encodedByNettySocketIo(packet));
    }

    @Test
    void anEventWithBytesIsEncodedAlikeForEachOfItsRecipients() throws IOException {
        ObjectNode message = NODES.objectNode().set("file", new BinaryNode(new byte[] {1, 2, 3}));
        Packet broadcast = EnginePacket.unwrap(Packets.event("/chat", "chat:message", List.of(message)));
        assertThat(broadcast).isNotInstanceOf(PreEncodedPacket.class);

        List<String> perSocket = new ArrayList<>();
        for (int socket = 0; socket < 3; socket++) {
            Packet packet = Packets.forOneSocket(broadcast);
            perSocket.add(encodedByNettySocketIo(packet) + " + " + attachments(packet));
        }

        assertThat(perSocket).containsOnly(
                "451-/chat,[\"chat:message\",{\"file\":{\"_placeholder\":true,\"num\":0}}] + [010203]");
    }

    @Test
    void theFrameIsByteForByteWhatNettysWebSocketEncoderWritesForThePayload() {
        // 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 5.2), each side of the boundaries.
        for (int text : new int[] {1, 100, 103, 104, 65_000, 65_533, 65_534, 70_000}) {
            Packet packet = EnginePacket.unwrap(Packets.event("/", "e", List.of(NODES.textNode("x".repeat(text)))));
            PreEncodedPacket encoded = (PreEncodedPacket) packet;

            assertThat(ByteBufUtil.hexDump(encoded.frame()))
                    .as("frame of a %d-byte payload", encoded.payloadLength())
                    .isEqualTo(framedByNetty(encoded.payload()));
        }
    }

    @Test
    void eachWriteGetsItsOwnViewOfTheSharedFrame() {
        PreEncodedPacket packet = (PreEncodedPacket) Packets.event("/", "e", List.of(NODES.numberNode(1)));
        ByteBuf first = packet.frame();
        first.skipBytes(first.readableBytes());
        first.release();

        assertThat(packet.frame().readableBytes()).as("after another socket wrote and released its view")
                .isEqualTo(2 + packet.payloadLength());
    }

    private static String framedByNetty(ByteBuf payload) {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        channel.writeOutbound(new TextWebSocketFrame(payload.copy()));
        StringBuilder written = new StringBuilder();
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            written.append(ByteBufUtil.hexDump(part));
            part.release();
        }
        channel.finishAndReleaseAll();
        return written.toString();
    }

    private String encodedByNettySocketIo(Packet packet) throws IOException {
        ByteBuf out = UnpooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            encoder.encodePacket(packet, out, UnpooledByteBufAllocator.DEFAULT, true);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static List<String> attachments(Packet packet) {
        return packet.getAttachments().stream().map(ByteBufUtil::hexDump).toList();
    }
}
