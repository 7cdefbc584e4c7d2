package com.medsync.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socket.client.IO;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

class TestSocketTest {

    /** Well below the 5 s default: an await that must fail at once must not run out its timeout instead. */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    private static EchoSocketServer server;

    @BeforeAll
    static void start() {
        server = EchoSocketServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectsAndReceivesPayloadsAsJacksonTrees() {
        ObjectNode payload = ClientJson.MAPPER.createObjectNode()
                .put("text", "héllo \"quoted\"")
                .put("count", 3)
                .put("ratio", 1.5)
                .put("flag", true); // no null member: netty-socketio's Jackson drops them (ClientJsonTest covers null)
        payload.putArray("items").add(1).add("two").addObject().put("three", 3);

        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN)) {
            String id = socket.awaitConnect();
            socket.emit("echo", payload);

            assertThat(id).isNotBlank().isEqualTo(socket.id());
            assertThat(socket.connected()).isTrue();
            assertThat(socket.awaitEvent("echo")).isEqualTo(payload);
        }
    }

    @Test
    void emitWithAckReturnsTheAcknowledgementArguments() {
        record Join(String room) {
        }
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN)) {
            socket.awaitConnect();

            JsonNode fromRecord = socket.emitWithAck("echo", new Join("chat:room_1"));
            JsonNode fromString = socket.emitWithAck("echo", "plain");

            assertThat(fromRecord).hasToString("[{\"room\":\"chat:room_1\"}]");
            assertThat(fromString).hasToString("[\"plain\"]");
        }
    }

    @ParameterizedTest
    @EnumSource(TestSocket.Transport.class)
    void everyTransportConnectsAndExchanges(TestSocket.Transport transport) {
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN, transport)) {
            socket.awaitConnect();

            assertThat(socket.emitWithAck("echo", Map.of("via", transport.name())).get(0).get("via").asText())
                    .isEqualTo(transport.name());
            assertThat(socket.awaitEvent("echo").get("via").asText()).isEqualTo(transport.name());
        }
    }

    @Test
    void aRefusedClientGetsTheServersMessage() {
        IO.Options noToken = TestSocket.options(null, TestSocket.Transport.WEBSOCKET);
        noToken.auth = new HashMap<>(); // auth without a token; bare netty-socketio skips auth without any payload
        try (TestSocket bad = TestSocket.connect(server.namespaceUrl(), "forged");
                TestSocket missing = TestSocket.connect(server.namespaceUrl(), noToken)) {

            assertThat(bad.awaitConnectError()).isEqualTo(EchoSocketServer.REFUSAL);
            assertThat(missing.awaitConnectError()).isEqualTo(EchoSocketServer.REFUSAL);
            assertThat(bad.connected()).isFalse();
        }
    }

    @Test
    void awaitConnectFailsAtOnceOnRefusalAndSaysWhy() {
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), "forged")) {
            long start = System.nanoTime();

            assertThatThrownBy(socket::awaitConnect)
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("awaited connect but")
                    .hasMessageContaining(EchoSocketServer.REFUSAL);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
        }
    }

    @Test
    void aServerThatIsNotThereIsAConnectErrorToo() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (TestSocket socket = TestSocket.connect("http://127.0.0.1:" + closedPort + "/patient-pharmacy", "t")) {
            assertThat(socket.awaitConnectError()).isEqualTo("websocket error");
        }
    }

    @Test
    void eventsCanBeAwaitedInAnyOrderAndAreAllListed() {
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN)) {
            socket.awaitConnect();
            socket.emit("burst");

            assertThat(socket.awaitEvent("c").asInt()).isEqualTo(3);
            assertThat(socket.awaitEvent("a").asInt()).isEqualTo(1);
            assertThat(socket.awaitEvent("b").asInt()).isEqualTo(2);
            assertThat(socket.receivedEventNames()).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aTimedOutAwaitListsWhatArrivedInstead() {
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN)) {
            socket.awaitConnect();
            socket.emit("burst");
            socket.awaitEvent("c");

            assertThatThrownBy(() -> socket.awaitEvent("order:new", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("TestSocket")
                    .hasMessageContaining(server.namespaceUrl())
                    .hasMessageContaining("awaited event 'order:new' for 300 ms")
                    .hasMessageContaining("event 'a' [1]")
                    .hasMessageContaining("event 'b' [2]")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("event 'c'"));
        }
    }

    @Test
    void assertNoEventFailsOnAnEventNotAwaited() {
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN)) {
            socket.awaitConnect();
            socket.emit("echo", "first");
            socket.emit("echo", "second");
            socket.awaitEvent("echo");

            socket.assertNoEvent("order:new", Duration.ofMillis(200));
            assertThatThrownBy(() -> socket.assertNoEvent("echo", Duration.ofSeconds(3)))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("expected no event 'echo' within 3000 ms but got event 'echo' [\"second\"]");
        }
    }

    @Test
    void afterTheServerDisconnectsAwaitsFailAtOnce() {
        try (TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN)) {
            socket.awaitConnect();
            socket.emit("kick");

            assertThat(socket.awaitDisconnect()).isEqualTo("io server disconnect");
            long start = System.nanoTime();
            assertThatThrownBy(() -> socket.awaitEvent("echo"))
                    .hasMessageContaining("nothing more will arrive: disconnected [\"io server disconnect\"]");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
            socket.assertNoEvent("echo", Duration.ofSeconds(10)); // returns at once: nothing can come
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
        }
    }

    @Test
    void aClosedSocketFailsAwaitsAndClosesTwiceQuietly() {
        TestSocket socket = TestSocket.connect(server.namespaceUrl(), EchoSocketServer.GOOD_TOKEN);
        socket.awaitConnect();
        socket.close();

        assertThatThrownBy(() -> socket.emitWithAck("echo", List.of(1))).hasMessageContaining("closed by the test");
        assertThat(socket.connected()).isFalse();
        socket.close();
    }
}
