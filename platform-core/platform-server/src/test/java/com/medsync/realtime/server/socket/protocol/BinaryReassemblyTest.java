package com.medsync.realtime.server.socket.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryReassemblyTest {

    private final SocketIoPacketParser parser = new SocketIoPacketParser();

    @Test
    void placeholdersAnywhereInThePayloadBecomeTheirAttachments() throws Exception {
        BinaryReassembly reassembly = BinaryReassembly.of(parser.parse(
                "52-/chat,7[\"upload\",{\"file\":{\"_placeholder\":true,\"num\":1}},[{\"_placeholder\":true,\"num\":0}]]"), 10);
        reassembly.add(new byte[] {1});
        assertThat(reassembly.isComplete()).isFalse();
        reassembly.add(new byte[] {2, 3});

        SocketIoPacket packet = reassembly.packet();

        assertThat(packet.type()).isEqualTo(SocketIoPacketType.EVENT);
        assertThat(packet.namespace()).isEqualTo("/chat");
        assertThat(packet.ackId()).isEqualTo(7);
        assertThat(binary(packet, 1, "file")).containsExactly(2, 3);
        assertThat(packet.payload().get(2).get(0).binaryValue()).containsExactly(1);
    }

    @Test
    void aBinaryAckBecomesAnAck() throws Exception {
        BinaryReassembly reassembly = BinaryReassembly.of(parser.parse("61-3[{\"_placeholder\":true,\"num\":0}]"), 10);
        reassembly.add(new byte[] {9});
        assertThat(reassembly.packet().type()).isEqualTo(SocketIoPacketType.ACK);
    }

    @Test
    void tooManyAnnouncedAttachmentsAreRefused() {
        assertThatThrownBy(() -> BinaryReassembly.of(parser.parse("511-[\"x\"]"), 10))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("11 binary attachments");
    }

    @Test
    void aPlaceholderForAMissingAttachmentIsRefused() throws Exception {
        BinaryReassembly reassembly = BinaryReassembly.of(parser.parse("51-[\"x\",{\"_placeholder\":true,\"num\":1}]"), 10);
        reassembly.add(new byte[] {1});
        assertThatThrownBy(reassembly::packet).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("illegal attachment placeholder");
    }

    @Test
    void aMalformedPlaceholderIsRefused() throws Exception {
        BinaryReassembly reassembly = BinaryReassembly.of(parser.parse("51-[\"x\",{\"_placeholder\":true,\"num\":\"0\"}]"), 10);
        reassembly.add(new byte[] {1});
        assertThatThrownBy(reassembly::packet).isInstanceOf(MalformedPacketException.class);
    }

    private static byte[] binary(SocketIoPacket packet, int index, String field) throws IOException {
        return packet.payload().get(index).get(field).binaryValue();
    }
}
