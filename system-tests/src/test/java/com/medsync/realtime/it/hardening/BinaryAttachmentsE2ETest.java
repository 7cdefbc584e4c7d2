package com.medsync.realtime.it.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.conformance.ConformanceServer;
import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.it.support.JavaSocketIoClients;
import com.medsync.realtime.it.support.JavaSocketIoClients.JavaClient;
import com.medsync.realtime.it.support.RawEngineIo;
import com.medsync.realtime.server.MedsyncServer;

import io.socket.client.IO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binary attachments both ways, on both transports: the Java client sends bytes, the server's fixture
 * (the protocol suite's reference behaviour: {@code message} echoed as {@code message-back}, {@code
 * message-with-ack} acknowledged with its arguments) sends them back as attachments the client reads as
 * bytes. netty-socketio alone adds a stray byte over WebSocket and writes Engine.IO 3 framing over polling.
 */
class BinaryAttachmentsE2ETest {

    private static MedsyncServer server;

    @BeforeAll
    static void start() throws IOException {
        // The suite's tight clocks (200 ms ping timeout, 1 s connect timeout) are for its raw frames; the Java
        // client on a busy machine needs the defaults.
        server = ConformanceServer.start(FreePorts.find(), List.of(), Map.of(
                "medsync.socket.ping-interval", "25s", "medsync.socket.ping-timeout", "20s",
                "medsync.socket.connect-timeout", "10s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JavaClient connect(String transport) {
        IO.Options options = JavaSocketIoClients.options(Map.of());
        options.transports = new String[] {transport};
        options.upgrade = false;
        JavaClient client = JavaSocketIoClients.connect("http://" + FreePorts.LOOPBACK + ":" + server.socketPort(), options);
        client.awaitConnect();
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void bytesGoThereAndBackAsAttachments(String transport) throws IOException {
        try (JavaClient client = connect(transport)) {
            client.emit("message", new byte[] {1, 2, 3}, "text", new byte[] {(byte) 0xff, 0x1e, 0x01});
            JsonNode echoed = client.awaitEvent("message-back");
            assertThat(echoed).hasSize(3);
            assertThat(echoed.get(0).binaryValue()).containsExactly(1, 2, 3);
            assertThat(echoed.get(1).asText()).isEqualTo("text");
            assertThat(echoed.get(2).binaryValue()).containsExactly(0xff, 0x1e, 0x01);

            JsonNode acked = client.emitWithAck("message-with-ack", new byte[] {9, 8, 7});
            assertThat(acked.get(0).binaryValue()).containsExactly(9, 8, 7);
        }
    }

    /**
     * The Java client sends a binary event's attachment in the POST after the one with its packet, often on
     * another connection: the server must have read the packet before it answers the first POST. It answered
     * first, and one round trip in about thirty on a loaded machine lost its connection ("binary message without
     * a binary packet announcing it"). A race: this fails only sometimes when it is back.
     */
    @Test
    void binaryEventsOneAfterAnotherOverPollingAllComeBack() throws IOException {
        try (JavaClient client = connect("polling")) {
            for (int i = 0; i < 40; i++) {
                byte[] bytes = {(byte) i, 2, 3};
                client.emit("message", bytes);
                JsonNode echoed = client.awaitEvent("message-back");
                assertThat(echoed.get(0).binaryValue()).as("round trip %d", i).containsExactly(bytes);
            }
        }
    }

    @Test
    void aPacketAnnouncingTooManyAttachmentsClosesTheConnection() {
        try (RawEngineIo session = RawEngineIo.websocket(server.socketPort())) {
            session.send("40");
            session.awaitFrameStartingWith("40");
            session.send("4511-[\"message\"]");
            session.awaitClose(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTextPacketWhileAttachmentsAreAwaitedClosesTheConnection() {
        try (RawEngineIo session = RawEngineIo.websocket(server.socketPort())) {
            session.send("40");
            session.awaitFrameStartingWith("40");
            session.send("451-[\"message\",{\"_placeholder\":true,\"num\":0}]", "42[\"message\"]");
            session.awaitClose(Duration.ofSeconds(5));
        }
    }
}
