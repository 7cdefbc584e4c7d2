package com.medsync.realtime.it.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.support.BareNettySocketIoServer;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Node driver and its Java side, proven against plain netty-socketio. */
class JsClientInfraTest {

    private static BareNettySocketIoServer server;
    private static JsClients js;

    @BeforeAll
    static void start() {
        // Bare netty-socketio can stall a polling->websocket upgrade until its next ping (see
        // BareNettySocketIoBehaviourTest#bareServerSendsASingleNoopDuringUpgrade), holding back whatever a
        // client emits meanwhile; a 1 s ping interval bounds that stall well within the await timeouts.
        server = BareNettySocketIoServer.start(config -> config.setPingInterval(1000));
        js = new JsClients();
    }

    @AfterAll
    static void stop() {
        if (js != null) {
            js.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void jsClientWithGoodTokenConnectsAndGetsEcho() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));

        JsSocket.Connected connected = socket.awaitConnect();
        socket.emit("echo", Map.of("hello", "world"));
        JsonNode echoed = socket.awaitEvent("echo");

        assertThat(connected.id()).isNotBlank();
        assertThat(connected.recovered()).isFalse();
        assertThat(echoed).hasSize(1);
        assertThat(echoed.get(0).get("hello").asText()).isEqualTo("world");
        assertThat(socket.eventNames()).containsExactly("echo");
        socket.close();
    }

    @Test
    void emitWithAckReturnsTheServersAckArguments() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        String id = socket.awaitConnect().id();

        JsonNode ack = socket.emitWithAck("join", Map.of("room", "js-ack-room"));

        assertThat(ack.toString()).isEqualTo("[{\"ok\":true}]");
        assertThat(server.roomMembers("js-ack-room")).containsExactly(id);
        socket.close();
    }

    @Test
    void emitWithAckFailsWhenTheServerNeverAcknowledges() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        socket.awaitConnect();

        // No listener for this event on the bare server, so no ack ever comes.
        assertThatThrownBy(() -> socket.emitWithAck("no-such-event", Duration.ofMillis(300), Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not acknowledge 'no-such-event'");
        socket.close();
    }

    @Test
    void jsClientWithBadTokenGetsConnectErrorWithEmptyMessage() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth("bad"));

        JsSocket.ConnectError error = socket.awaitConnectError();

        // netty-socketio sends the String error payload bare (44/ns,"Authentication error: ...") where
        // socket.io-client expects {message, data}: err.message ends up empty and the reason is lost.
        assertThat(error.fromServer()).isTrue();
        assertThat(error.message()).isEmpty();
        assertThat(error.data().isNull()).isTrue();
        socket.close();
    }

    @Test
    void websocketOnlyClientConnects() {
        Map<String, Object> opts = Map.of("auth", Map.of("token", BareNettySocketIoServer.GOOD_TOKEN),
                "transports", List.of("websocket"));
        JsSocket socket = js.connect(server.namespaceUrl(), opts);

        assertThat(socket.awaitConnect().transport()).isEqualTo("websocket");
        socket.close();
    }

    @Test
    void awaitFailuresNameWhatWasAwaitedAndWhatArrivedInstead() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        socket.awaitConnect();
        socket.emit("echo", "ping-text");

        assertThatThrownBy(() -> socket.awaitEvent("never-sent", Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("awaited event 'never-sent' for 3000 ms")
                .hasMessageContaining("event 'echo' [\"ping-text\"]");
        // The failed await did not consume the event that did arrive.
        assertThat(socket.awaitEvent("echo").get(0).asText()).isEqualTo("ping-text");
        socket.close();
    }

    @Test
    void awaitConnectFailsFastWhenTheServerRefuses() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth("bad"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> socket.awaitConnect(Duration.ofSeconds(30)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("awaited connect but got connect_error");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        socket.close();
    }

    @Test
    void assertNoEventPassesInSilenceAndFailsOnArrival() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        socket.awaitConnect();

        socket.assertNoEvent("echo", Duration.ofMillis(200));
        socket.emit("echo", 42);
        assertThatThrownBy(() -> socket.assertNoEvent("echo", Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected no event 'echo'");
        socket.close();
    }

    @Test
    void droppedConnectionIsReportedAndReconnects() {
        Map<String, Object> opts = Map.of("auth", Map.of("token", BareNettySocketIoServer.GOOD_TOKEN),
                "reconnectionDelay", 100, "reconnectionDelayMax", 200);
        JsSocket socket = js.connect(server.namespaceUrl(), opts);
        String firstId = socket.awaitConnect().id();

        socket.drop();

        assertThat(socket.awaitDisconnect()).isEqualTo("transport close");
        assertThat(socket.awaitReconnect(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(1);
        assertThat(socket.awaitConnect().id()).isNotEqualTo(firstId);
        assertThat(socket.events()).anyMatch(e -> "reconnect_attempt".equals(e.path("type").asText()));
        socket.close();
    }

    @Test
    void serverDisconnectIsReportedWithItsReason() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        String id = socket.awaitConnect().id();

        server.server().getNamespace(BareNettySocketIoServer.NAMESPACE).getClient(java.util.UUID.fromString(id)).disconnect();

        assertThat(socket.awaitDisconnect()).isEqualTo("io server disconnect");
    }

    @Test
    void driverReportsBadCommandsAndKeepsRunning() {
        js.sendCommand(Map.of("op", "emit", "client", "ghost", "event", "x"));
        js.sendCommand(Map.of("op", "no-such-op"));
        js.sync();

        assertThat(js.driverEvents())
                .anyMatch(e -> "driver-error".equals(e.path("type").asText()) && e.path("error").asText().contains("ghost"))
                .anyMatch(e -> "driver-error".equals(e.path("type").asText()) && e.path("error").asText().contains("no-such-op"));
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        socket.awaitConnect();
        socket.close();
    }
}
