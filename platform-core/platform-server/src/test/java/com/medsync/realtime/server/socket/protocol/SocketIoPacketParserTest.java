package com.medsync.realtime.server.socket.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketIoPacketParserTest {

    private final SocketIoPacketParser parser = new SocketIoPacketParser();

    @Test
    void connectWithAuthPayloadHoldingBracketsAndQuestionMarks() throws Exception {
        SocketIoPacket packet = parser.parse("0/patient-pharmacy,{\"token\":\"a[b?c]\",\"x\":[1,2]}");

        assertThat(packet.type()).isEqualTo(SocketIoPacketType.CONNECT);
        assertThat(packet.namespace()).isEqualTo("/patient-pharmacy");
        assertThat(packet.payload().get("token").asText()).isEqualTo("a[b?c]");
        assertThat(packet.wantsAck()).isFalse();
    }

    @Test
    void connectWithoutPayloadHasNoAuth() throws Exception {
        SocketIoPacket packet = parser.parse("0/patient-pharmacy,");

        assertThat(packet.namespace()).isEqualTo("/patient-pharmacy");
        assertThat(packet.payload()).isNull();
    }

    @Test
    void mainNamespaceIsSlashWhenTheHeaderNamesNone() throws Exception {
        assertThat(parser.parse("0").namespace()).isEqualTo("/");
        assertThat(parser.parse("0{\"token\":\"t\"}").payload().get("token").asText()).isEqualTo("t");
        assertThat(parser.parse("2[\"join\",{}]").namespace()).isEqualTo("/");
    }

    @Test
    void namespaceWithoutCommaEndsThePacket() throws Exception {
        SocketIoPacket packet = parser.parse("1/patient-pharmacy");

        assertThat(packet.type()).isEqualTo(SocketIoPacketType.DISCONNECT);
        assertThat(packet.namespace()).isEqualTo("/patient-pharmacy");
    }

    @Test
    void eventWithAckId() throws Exception {
        SocketIoPacket packet = parser.parse("2/patient-pharmacy,17[\"join\",{\"room\":\"pharmacy:p1\"}]");

        assertThat(packet.type()).isEqualTo(SocketIoPacketType.EVENT);
        assertThat(packet.ackId()).isEqualTo(17);
        assertThat(packet.payload().get(0).asText()).isEqualTo("join");
        assertThat(packet.payload().get(1).get("room").asText()).isEqualTo("pharmacy:p1");
    }

    @Test
    void binaryEventAnnouncesItsAttachments() throws Exception {
        SocketIoPacket packet = parser.parse("52-/patient-pharmacy,3[\"upload\",{\"_placeholder\":true,\"num\":0}]");

        assertThat(packet.type()).isEqualTo(SocketIoPacketType.BINARY_EVENT);
        assertThat(packet.attachments()).isEqualTo(2);
        assertThat(packet.ackId()).isEqualTo(3);
    }

    @Test
    void ackNeedsAnIdAndAnArray() throws Exception {
        assertThat(parser.parse("3/patient-pharmacy,5[]").ackId()).isEqualTo(5);
        assertThatThrownBy(() -> parser.parse("3/patient-pharmacy,[]")).isInstanceOf(MalformedPacketException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                 // nothing
        "9",                                // unknown type
        "x",                                // not a digit
        "2/patient-pharmacy,[]",            // event without a name
        "2/patient-pharmacy,[1]",           // name not a string
        "2/patient-pharmacy,{\"a\":1}",     // event payload not an array
        "2/patient-pharmacy,",              // event without payload
        "0/patient-pharmacy,[\"token\"]",   // CONNECT payload must be an object
        "0/patient-pharmacy,\"token\"",     // ... not a string
        "0/patient-pharmacy,{\"token\":",   // truncated JSON
        "0/patient-pharmacy,{\"a\":1,\"a\":2}", // duplicate keys are ambiguous
        "1/patient-pharmacy,{}",            // DISCONNECT carries nothing
        "4/patient-pharmacy,{\"message\":\"x\"}", // clients cannot send CONNECT_ERROR
        "5/patient-pharmacy,[\"x\"]",       // binary without attachment count
        "2/patient-pharmacy,1234567890123456[\"x\"]", // ack id beyond exact JS numbers
        "2/patient-pharmacy,2147483648[\"x\"]",       // ack id the answer could not be written with
    })
    void refusesWhatTheProtocolDoesNotAllow(String text) {
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void acceptsTheLargestAckIdItCanAnswer() throws MalformedPacketException {
        assertThat(parser.parse("2/patient-pharmacy,2147483647[\"x\"]").ackId()).isEqualTo(2147483647L);
    }
}
