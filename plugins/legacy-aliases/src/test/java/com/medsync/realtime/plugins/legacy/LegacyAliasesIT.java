package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.plugins.legacy.fixture.TestOwnerFeature;
import com.medsync.realtime.testkit.MedsyncTestServer;
import com.medsync.realtime.testkit.PluginJar;
import com.medsync.realtime.testkit.PublishClient.Response;
import com.medsync.realtime.testkit.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy-aliases plugin jar as it ships, in a real server, with a small test plugin that owns the
 * canonical events so that they can be published. One shared server for the translation tests; the tests that
 * stop the plugin or break its configuration start servers of their own.
 */
class LegacyAliasesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String LEGACY = "/";

    private static MedsyncTestServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = servedWith(Map.of());
        assertThat(server.pluginState("legacy-aliases")).isEqualTo("STARTED");
        assertThat(server.pluginState("test-owner")).isEqualTo("STARTED");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    @Test
    void onTheLegacyNamespaceEachCanonicalEventIsFollowedByItsAliasesWithTheSamePayload() {
        TestSocket legacy = connect(server, LEGACY, "patient_legacy_1");
        ObjectNode message = message();
        ObjectNode order = JSON.createObjectNode().put("id", "order_123").put("drugName", "Paracetamol")
                .put("quantity", 2).put("status", "PENDING").put("createdAt", "2024-12-20T10:30:00Z");
        ObjectNode update = JSON.createObjectNode().put("id", "order_123").put("status", "CONFIRMED")
                .put("updatedAt", "2024-12-20T10:35:00Z");
        ObjectNode inTransit = dispatch("IN_TRANSIT");

        publish("chat:message", message, "user:patient_legacy_1");
        assertThat(legacy.awaitEvent("chat:message")).isEqualTo(message);
        assertThat(legacy.awaitEvent("new-message")).isEqualTo(message);
        publish("order:new", order, "user:patient_legacy_1");
        assertThat(legacy.awaitEvent("order:new")).isEqualTo(order);
        assertThat(legacy.awaitEvent("order:created")).isEqualTo(order);
        publish("order:updated", update, "user:patient_legacy_1");
        assertThat(legacy.awaitEvent("order:updated")).isEqualTo(update);
        assertThat(legacy.awaitEvent("order:status-updated")).isEqualTo(update);
        publish("dispatch:updated", inTransit, "user:patient_legacy_1");
        assertThat(legacy.awaitEvent("dispatch:updated")).isEqualTo(inTransit);
        assertThat(legacy.awaitEvent("dispatch:update")).isEqualTo(inTransit);
        assertThat(legacy.awaitEvent("delivery:status_changed")).isEqualTo(inTransit);
        legacy.assertNoEvent("delivery:completed", QUIET);

        // Canonical first, then the aliases in table order: nothing else, nothing twice.
        assertThat(legacy.receivedEventNames()).containsExactly(
                "chat:message", "new-message",
                "order:new", "order:created",
                "order:updated", "order:status-updated",
                "dispatch:updated", "dispatch:update", "delivery:status_changed");
    }

    @Test
    void deliveryCompletedFollowsOnlyADeliveredDispatch() {
        TestSocket legacy = connect(server, LEGACY, "patient_legacy_2");
        ObjectNode delivered = dispatch("DELIVERED");

        publish("dispatch:updated", delivered, "user:patient_legacy_2");

        assertThat(legacy.awaitEvent("delivery:completed")).isEqualTo(delivered);
        legacy.assertNoEvent("delivery:completed", QUIET);
        assertThat(legacy.receivedEventNames()).containsExactly(
                "dispatch:updated", "dispatch:update", "delivery:status_changed", "delivery:completed");

        publish("dispatch:updated", dispatch("FAILED"), "user:patient_legacy_2");
        // A status elsewhere in the payload is not the dispatch's status.
        ObjectNode misplaced = dispatch("PICKED_UP");
        misplaced.put("status", "DELIVERED");
        publish("dispatch:updated", misplaced, "user:patient_legacy_2");
        legacy.assertNoEvent("delivery:completed", QUIET);
        assertThat(legacy.receivedEventNames()).filteredOn("dispatch:updated"::equals).hasSize(3);
    }

    @Test
    void eventsWithoutAliasesPassThroughOnce() {
        TestSocket legacy = connect(server, LEGACY, "patient_legacy_3");
        ObjectNode typing = JSON.createObjectNode().put("roomId", "room_456").put("userId", "user_789")
                .put("isTyping", true);

        publish("chat:typing", typing, "user:patient_legacy_3");

        assertThat(legacy.awaitEvent("chat:typing")).isEqualTo(typing);
        legacy.assertNoEvent("chat:typing", QUIET);
        assertThat(legacy.receivedEventNames()).containsExactly("chat:typing");
    }

    @Test
    void theCanonicalNamespaceGetsEachEventOnceAndNoAlias() {
        TestSocket canonical = connect(server, "/patient-pharmacy", "patient_canonical_1");
        // The same user on both namespaces: each connection gets its own namespace's translation.
        TestSocket legacy = connect(server, LEGACY, "patient_canonical_1");

        publish("chat:message", message(), "user:patient_canonical_1");
        publish("order:new", JSON.createObjectNode().put("id", "order_1"), "user:patient_canonical_1");
        publish("order:updated", JSON.createObjectNode().put("id", "order_1"), "user:patient_canonical_1");
        publish("dispatch:updated", dispatch("DELIVERED"), "user:patient_canonical_1");

        legacy.awaitEvent("delivery:completed");
        canonical.awaitEvent("dispatch:updated");
        canonical.assertNoEvent("new-message", QUIET);
        assertThat(canonical.receivedEventNames())
                .containsExactly("chat:message", "order:new", "order:updated", "dispatch:updated");
        assertThat(legacy.receivedEventNames()).containsExactly(
                "chat:message", "new-message", "order:new", "order:created", "order:updated", "order:status-updated",
                "dispatch:updated", "dispatch:update", "delivery:status_changed", "delivery:completed");
    }

    @Test
    void theLegacyNamespaceAuthenticatesAsTheCanonicalOneDoes() {
        TestSocket anonymous = TestSocket.connect(server.url(LEGACY), (String) null);
        sockets.add(anonymous);
        assertThat(anonymous.awaitConnectError()).startsWith("Authentication error");

        TestSocket legacy = connect(server, LEGACY, "patient_legacy_4");
        assertThat(legacy.emitWithAck("join", Map.of("room", "user:patient_legacy_4")).path(0).path("ok")
                .asBoolean()).isTrue();
        assertThat(legacy.emitWithAck("join", Map.of("room", "user:someone_else")).path(0).path("error")
                .path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void stoppingThePluginTakesTheLegacyNamespaceAwayAndLeavesTheCanonicalOne() {
        try (MedsyncTestServer own = servedWith(Map.of())) {
            TestSocket legacy = connect(own, LEGACY, "patient_stop");
            TestSocket canonical = connect(own, "/patient-pharmacy", "patient_stop");

            Response stopped = own.admin("POST", "/admin/plugins/legacy-aliases/stop", null);

            assertThat(stopped.status()).as(stopped.body().toString()).isEqualTo(200);
            assertThat(stopped.body().path("state").asText()).isEqualTo("STOPPED");
            assertThat(legacy.awaitDisconnect()).isEqualTo("io server disconnect");
            TestSocket late = TestSocket.connect(own.url(LEGACY), own.tokens().patient("patient_stop"));
            sockets.add(late);
            assertThat(late.awaitConnectError()).isEqualTo("Invalid namespace");
            assertThat(canonical.connected()).isTrue();
            ObjectNode message = message();
            assertThat(own.publisher().publish("chat:message", message, "user:patient_stop").status())
                    .isEqualTo(202);
            assertThat(canonical.awaitEvent("chat:message")).isEqualTo(message);
            canonical.assertNoEvent("new-message", QUIET);

            // And back for a rollback: / is served again, with its aliases.
            assertThat(own.admin("POST", "/admin/plugins/legacy-aliases/start", null).status()).isEqualTo(200);
            TestSocket again = connect(own, LEGACY, "patient_stop");
            own.publisher().publish("chat:message", message, "user:patient_stop");
            assertThat(again.awaitEvent("new-message")).isEqualTo(message);
        }
    }

    @Test
    void aBadAliasTableFailsThePluginWithTheReason() {
        List<Map<String, Object>> table = List.of(
                Map.of("event", "chat:message", "alias", "new-message"),
                Map.of("event", "order:new", "alais", "order:created"));
        try (MedsyncTestServer own = servedWith(Map.of("medsync.plugin-config.legacy-aliases.aliases", table))) {
            assertThat(own.pluginState("legacy-aliases")).isEqualTo("FAILED");
            JsonNode plugin = pluginView(own, "legacy-aliases");
            assertThat(plugin.path("failure").asText())
                    .contains("medsync.plugin-config.legacy-aliases.aliases[1]")
                    .contains("unknown member 'alais'");
            TestSocket refused = TestSocket.connect(own.url(LEGACY), own.tokens().patient("patient_failed"));
            sockets.add(refused);
            assertThat(refused.awaitConnectError()).isEqualTo("Invalid namespace");
        }
    }

    @Test
    void aConfiguredAliasTableReplacesTheDefaults() {
        List<Map<String, Object>> table = List.of(
                Map.of("event", "order:new", "alias", "order:created"),
                Map.of("event", "order:updated", "alias", "order:done",
                        "when", Map.of("path", "status", "equals", "COMPLETED")));
        try (MedsyncTestServer own = servedWith(Map.of("medsync.plugin-config.legacy-aliases.aliases", table))) {
            TestSocket legacy = connect(own, LEGACY, "patient_table");
            ObjectNode completed = JSON.createObjectNode().put("id", "order_1").put("status", "COMPLETED");

            own.publisher().publish("chat:message", message(), "user:patient_table");
            own.publisher().publish("order:updated", completed, "user:patient_table");

            assertThat(legacy.awaitEvent("order:done")).isEqualTo(completed);
            assertThat(legacy.receivedEventNames()).containsExactly("chat:message", "order:updated", "order:done");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static MedsyncTestServer servedWith(Map<String, Object> config) {
        MedsyncTestServer.Builder builder = MedsyncTestServer.builder()
                .pluginJar(Path.of(System.getProperty("medsync.plugin.jar")))
                .plugin(PluginJar.builder("test-owner").extension(TestOwnerFeature.class));
        config.forEach(builder::config);
        return builder.start();
    }

    private TestSocket connect(MedsyncTestServer on, String namespace, String userId) {
        TestSocket socket = on.connect(namespace, on.tokens().patient(userId));
        sockets.add(socket);
        socket.awaitConnect();
        return socket;
    }

    private static void publish(String event, JsonNode data, String... to) {
        Response response = server.publisher().publish(event, data, to);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
    }

    private static JsonNode pluginView(MedsyncTestServer on, String id) {
        for (JsonNode plugin : on.admin("GET", "/admin/plugins", null).body()) {
            if (id.equals(plugin.path("id").asText())) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id);
    }

    private static ObjectNode message() {
        return JSON.createObjectNode().put("id", "msg_123").put("roomId", "room_456").put("senderId", "user_789")
                .put("senderType", "patient").put("content", "Hello world").put("messageType", "TEXT")
                .put("createdAt", "2024-12-20T10:30:00Z");
    }

    private static ObjectNode dispatch(String status) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("dispatch").put("id", "dispatch_123").put("orderId", "order_456").put("status", status)
                .put("provider", "kwik").put("trackingUrl", "https://track.example/d123").put("otp", "1234")
                .put("updatedAt", "2024-12-20T10:40:00Z");
        return data;
    }
}
