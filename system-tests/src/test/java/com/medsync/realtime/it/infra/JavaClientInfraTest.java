package com.medsync.realtime.it.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.support.BareNettySocketIoServer;
import com.medsync.realtime.it.support.JavaSocketIoClients;
import com.medsync.realtime.it.support.JavaSocketIoClients.JavaClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The io.socket Java client helpers, proven against plain netty-socketio. */
class JavaClientInfraTest {

    private static BareNettySocketIoServer server;

    @BeforeAll
    static void start() {
        // Bare netty-socketio can stall a polling->websocket upgrade until its next ping (see
        // BareNettySocketIoBehaviourTest#bareServerSendsASingleNoopDuringUpgrade), holding back whatever a
        // client emits meanwhile; a 1 s ping interval bounds that stall well within the await timeouts.
        server = BareNettySocketIoServer.start(config -> config.setPingInterval(1000));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void javaClientConnectsAndGetsEcho() {
        try (JavaClient client = JavaSocketIoClients.connect(server.namespaceUrl(), Map.of("token", BareNettySocketIoServer.GOOD_TOKEN))) {
            String id = client.awaitConnect();
            client.emit("echo", Map.of("items", List.of(1, 2), "text", "héllo"));
            JsonNode echoed = client.awaitEvent("echo");

            assertThat(id).isNotBlank();
            assertThat(echoed).hasSize(1);
            assertThat(echoed.get(0).get("text").asText()).isEqualTo("héllo");
            assertThat(echoed.get(0).get("items").toString()).isEqualTo("[1,2]");
        }
    }

    @Test
    void javaClientGetsAckArguments() {
        try (JavaClient client = JavaSocketIoClients.connect(server.namespaceUrl(), Map.of("token", BareNettySocketIoServer.GOOD_TOKEN))) {
            String id = client.awaitConnect();

            JsonNode ack = client.emitWithAck("join", Map.of("room", "java-ack-room"));

            assertThat(ack.toString()).isEqualTo("[{\"ok\":true}]");
            assertThat(server.roomMembers("java-ack-room")).containsExactly(id);
        }
    }
}
