package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.plugins.dispatch.fake.FakePollingProvider;
import com.medsync.realtime.plugins.dispatch.fake.FakeProvider;
import com.medsync.realtime.testkit.MedsyncTestServer;
import com.medsync.realtime.testkit.PluginJar;
import com.medsync.realtime.testkit.PublishClient;
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
 * The dispatch plugin jar, as built, with the orders plugin it depends on and a test provider plugin built
 * from this test tree, in a real embedded server.
 */
class DispatchPluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(500);

    private static MedsyncTestServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = MedsyncTestServer.builder()
                .pluginsFrom(Path.of(System.getProperty("medsync.plugin.deps")))
                .pluginJar(Path.of(System.getProperty("medsync.plugin.jar")))
                .plugin(PluginJar.builder("fake-provider").dependsOn("dispatch")
                        .extension(FakeProvider.class, FakePollingProvider.class))
                .config("medsync.plugin-config.dispatch.poll-interval", "100ms")
                .start();
        assertThat(server.pluginState("orders")).isEqualTo("STARTED");
        assertThat(server.pluginState("dispatch")).isEqualTo("STARTED");
        assertThat(server.pluginState("fake-provider")).isEqualTo("STARTED");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    private TestSocket connected(String token) {
        TestSocket socket = server.connect(token);
        sockets.add(socket);
        socket.awaitConnect();
        return socket;
    }

    private static void publishOrder(String orderId, String pharmacyId, String patientId) {
        ObjectNode order = JSON.createObjectNode();
        order.put("id", orderId).put("drugName", "Paracetamol").put("quantity", 1).put("status", "PENDING");
        order.putObject("patient").put("id", patientId).put("phone", "+2348000000000");
        order.putObject("pharmacy").put("id", pharmacyId).put("name", "MedSync Pharmacy");
        order.put("createdAt", "2024-12-20T10:30:00Z");
        PublishClient.Response response = server.publisher().publish("order:new", order);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
    }

    static ObjectNode dispatch(String id, String orderId, String status, String provider) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("dispatch").put("id", id).put("orderId", orderId).put("status", status)
                .put("provider", provider).put("trackingUrl", "https://track.example/" + id).putNull("otp")
                .put("updatedAt", "2024-12-20T10:40:00Z");
        return data;
    }

    private static void publishDispatch(String id, String orderId, String status, String provider) {
        PublishClient.Response response = server.publisher().publish("dispatch:updated",
                dispatch(id, orderId, status, provider));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
    }

    private static JsonNode join(TestSocket socket, String room) {
        return socket.emitWithAck("join", Map.of("room", room)).path(0);
    }

    private static PublishClient.Response webhook(String provider, String signature, String body) {
        return server.http("POST", "/webhooks/dispatch/" + provider, body,
                Map.of("X-Fake-Signature", signature, "Content-Type", "application/json"));
    }

    @Test
    void dispatchUpdatedReachesTheDispatchRoomAndTheOrdersRooms() {
        publishOrder("order_d1", "pharmacy_d1", "patient_d1");
        TestSocket staff = connected(server.tokens().pharmacy("staff_d1", "pharmacy_d1"));
        TestSocket patient = connected(server.tokens().patient("patient_d1"));
        TestSocket rider = connected(server.tokens().rider("rider_d1", "dispatch:dispatch_d1"));
        TestSocket stranger = connected(server.tokens().patient("patient_other"));
        assertThat(join(rider, "dispatch:dispatch_d1").path("ok").asBoolean()).isTrue();
        ObjectNode data = dispatch("dispatch_d1", "order_d1", "ASSIGNED", "kwik");

        PublishClient.Response response = server.publisher().publish("dispatch:updated", data);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(response.body().path("rooms")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "dispatch:dispatch_d1", "pharmacy:pharmacy_d1", "user:patient_d1");
        assertThat(rider.awaitEvent("dispatch:updated")).isEqualTo(data);
        assertThat(staff.awaitEvent("dispatch:updated")).isEqualTo(data);
        assertThat(patient.awaitEvent("dispatch:updated")).isEqualTo(data);
        stranger.assertNoEvent("dispatch:updated", QUIET);
    }

    @Test
    void theOrdersPartiesMayJoinTheDispatchRoomAndAStrangerMayNot() {
        publishOrder("order_j1", "pharmacy_j1", "patient_j1");
        TestSocket patient = connected(server.tokens().patient("patient_j1"));
        TestSocket staff = connected(server.tokens().pharmacy("staff_j1", "pharmacy_j1"));
        TestSocket stranger = connected(server.tokens().patient("patient_j2"));
        TestSocket otherStaff = connected(server.tokens().pharmacy("staff_j2", "pharmacy_j2"));
        assertThat(join(patient, "dispatch:dispatch_j1").path("error").path("code").asText())
                .as("no dispatch known yet").isEqualTo("FORBIDDEN");

        publishDispatch("dispatch_j1", "order_j1", "PENDING", "kwik");

        assertThat(join(patient, "dispatch:dispatch_j1").path("ok").asBoolean()).isTrue();
        assertThat(join(staff, "dispatch:dispatch_j1").path("ok").asBoolean()).isTrue();
        assertThat(join(stranger, "dispatch:dispatch_j1").path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(join(otherStaff, "dispatch:dispatch_j1").path("error").path("code").asText())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void aBrokenDispatchIsA422NamingTheField() {
        ObjectNode data = dispatch("dispatch_v1", "order_v1", "LOST", "kwik");
        PublishClient.Response response = server.publisher().publish("dispatch:updated", data);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("error").path("field").asText()).isEqualTo("data.dispatch.status");

        ObjectNode missing = dispatch("dispatch_v1", "order_v1", "PENDING", "kwik");
        ((ObjectNode) missing.get("dispatch")).remove("otp");
        assertThat(server.publisher().publish("dispatch:updated", missing).body().path("error").path("field")
                .asText()).isEqualTo("data.dispatch.otp");
    }

    @Test
    void aWebhookBecomesOneDispatchUpdatedAndARepeatedStatusNothing() {
        publishOrder("order_w1", "pharmacy_w1", "patient_w1");
        publishDispatch("dispatch_w1", "order_w1", "ASSIGNED", "fake");
        TestSocket patient = connected(server.tokens().patient("patient_w1"));
        String body = "{\"dispatchId\":\"dispatch_w1\",\"status\":\"IN_TRANSIT\"}";

        PublishClient.Response first = webhook("fake", "ok", body);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
        assertThat(first.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(first.body().path("emitted").asInt()).isEqualTo(1);
        JsonNode event = patient.awaitEvent("dispatch:updated").path("dispatch");
        assertThat(event.path("id").asText()).isEqualTo("dispatch_w1");
        assertThat(event.path("orderId").asText()).isEqualTo("order_w1");
        assertThat(event.path("status").asText()).isEqualTo("IN_TRANSIT");
        assertThat(event.path("provider").asText()).isEqualTo("fake");
        assertThat(event.path("trackingUrl").asText()).as("kept from before")
                .isEqualTo("https://track.example/dispatch_w1");
        assertThat(event.has("otp")).isTrue();
        assertThat(event.path("updatedAt").asText()).isNotBlank();

        PublishClient.Response repeated = webhook("fake", "ok", body);

        assertThat(repeated.status()).isEqualTo(202);
        assertThat(repeated.body().path("emitted").asInt()).isZero();
        patient.assertNoEvent("dispatch:updated", QUIET);
    }

    @Test
    void unknownProvidersAndRejectedCallsEmitNothing() {
        publishOrder("order_w2", "pharmacy_w2", "patient_w2");
        publishDispatch("dispatch_w2", "order_w2", "ASSIGNED", "fake");
        TestSocket patient = connected(server.tokens().patient("patient_w2"));
        String body = "{\"dispatchId\":\"dispatch_w2\",\"status\":\"ARRIVED\"}";

        PublishClient.Response unknown = webhook("nobody", "ok", body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").path("message").asText()).contains("nobody");

        PublishClient.Response unsigned = webhook("fake", "forged", body);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.body().path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");

        assertThat(webhook("fake", "ok", "{not json").status()).isEqualTo(400);
        patient.assertNoEvent("dispatch:updated", QUIET);
    }

    @Test
    void aPollingProviderEmitsOnChangeOnly() {
        publishOrder("order_p1", "pharmacy_p1", "patient_p1");
        TestSocket patient = connected(server.tokens().patient("patient_p1"));
        publishDispatch("dispatch_p1", "order_p1", "ASSIGNED", "fake-poller");
        assertThat(patient.awaitEvent("dispatch:updated").path("dispatch").path("status").asText())
                .isEqualTo("ASSIGNED");

        System.setProperty("fake-poller.dispatch_p1", "ASSIGNED");
        patient.assertNoEvent("dispatch:updated", QUIET);

        System.setProperty("fake-poller.dispatch_p1", "PICKED_UP");
        JsonNode picked = patient.awaitEvent("dispatch:updated").path("dispatch");
        assertThat(picked.path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(picked.path("provider").asText()).isEqualTo("fake-poller");
        assertThat(picked.path("otp").asText()).isEqualTo("4321");
        patient.assertNoEvent("dispatch:updated", QUIET);

        System.setProperty("fake-poller.dispatch_p1", "DELIVERED");
        assertThat(patient.awaitEvent("dispatch:updated").path("dispatch").path("status").asText())
                .isEqualTo("DELIVERED");
        int polls = Integer.getInteger("fake-poller.dispatch_p1.polls");
        patient.assertNoEvent("dispatch:updated", QUIET);
        assertThat(Integer.getInteger("fake-poller.dispatch_p1.polls"))
                .as("a delivered dispatch is no longer polled").isLessThanOrEqualTo(polls + 1);
    }

    @Test
    void aFailingPollBacksOff() throws Exception {
        publishOrder("order_p2", "pharmacy_p2", "patient_p2");
        System.setProperty("fake-poller.dispatch_p2", "ERROR");
        publishDispatch("dispatch_p2", "order_p2", "ASSIGNED", "fake-poller");

        Thread.sleep(1_600);

        // At a 100 ms interval, 1.6 s allows ~16 polls without backoff; with it: 0.2 + 0.4 + 0.8 s apart.
        assertThat(Integer.getInteger("fake-poller.dispatch_p2.polls", 0)).isBetween(1, 5);
        TestSocket patient = connected(server.tokens().patient("patient_p2"));
        System.setProperty("fake-poller.dispatch_p2", "IN_TRANSIT");
        assertThat(patient.awaitEvent("dispatch:updated", Duration.ofSeconds(8)).path("dispatch").path("status")
                .asText()).isEqualTo("IN_TRANSIT");
    }

    @Test
    void ordersRestartedAtRunTimeIsFoundAfresh() {
        publishOrder("order_r1", "pharmacy_r1", "patient_r1");
        try {
            assertThat(server.admin("POST", "/admin/plugins/orders/stop", null).status()).isEqualTo(200);
            assertThat(server.pluginState("dispatch")).as("stopped with what it depends on").isNotEqualTo("STARTED");
            assertThat(server.publisher().publish("dispatch:updated",
                    dispatch("dispatch_r1", "order_r1", "PENDING", "kwik")).status()).isEqualTo(404);
        } finally {
            // Starting the provider plugin starts what it depends on: dispatch, then orders.
            assertThat(server.admin("POST", "/admin/plugins/fake-provider/start", null).status()).isEqualTo(200);
        }
        assertThat(server.pluginState("orders")).isEqualTo("STARTED");
        assertThat(server.pluginState("dispatch")).isEqualTo("STARTED");
        TestSocket patient = connected(server.tokens().patient("patient_r1"));

        publishDispatch("dispatch_r1", "order_r1", "PENDING", "kwik");

        assertThat(patient.awaitEvent("dispatch:updated").path("dispatch").path("id").asText()).isEqualTo("dispatch_r1");
        assertThat(join(patient, "dispatch:dispatch_r1").path("ok").asBoolean()).isTrue();
    }
}
