package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.testkit.MedsyncTestServer;
import com.medsync.realtime.testkit.PublishClient;
import com.medsync.realtime.testkit.TestSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kwik plugin jar, as built, with the dispatch and orders plugins, in a real embedded server, against a
 * fake Kwik API on 127.0.0.1: nothing leaves the machine.
 */
class KwikPluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String SECRET = "kwik-webhook-secret";

    private static FakeKwik kwik;
    private static MedsyncTestServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kwik = new FakeKwik();
        server = withPlugins(MedsyncTestServer.builder())
                .config("medsync.plugin-config.dispatch.poll-interval", "150ms")
                .config("medsync.plugin-config.dispatch-kwik.base-url", kwik.baseUrl())
                .config("medsync.plugin-config.dispatch-kwik.email", FakeKwik.EMAIL)
                .config("medsync.plugin-config.dispatch-kwik.password", FakeKwik.PASSWORD)
                .config("medsync.plugin-config.dispatch-kwik.webhook-secret", SECRET)
                .start();
        assertThat(server.pluginState("dispatch-kwik")).isEqualTo("STARTED");
    }

    private static MedsyncTestServer.Builder withPlugins(MedsyncTestServer.Builder builder) {
        return builder.pluginsFrom(Path.of(System.getProperty("medsync.plugin.deps")))
                .pluginJar(Path.of(System.getProperty("medsync.plugin.jar")));
    }

    @AfterAll
    static void stop() {
        server.close();
        kwik.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    private TestSocket patient(String id) {
        TestSocket socket = server.connect(server.tokens().patient(id));
        sockets.add(socket);
        socket.awaitConnect();
        return socket;
    }

    /** An order and its dispatch, as the backend publishes them, with Kwik as the provider. */
    private static void orderWithDispatch(String orderId, String patientId, String dispatchId, String status) {
        ObjectNode order = JSON.createObjectNode();
        order.put("id", orderId).put("drugName", "Amoxicillin").put("quantity", 1).put("status", "CONFIRMED");
        order.putObject("patient").put("id", patientId).put("phone", "+2348000000000");
        order.putObject("pharmacy").put("id", "pharmacy_k").put("name", "MedSync Pharmacy");
        order.put("createdAt", "2024-12-20T10:30:00Z");
        assertThat(server.publisher().publish("order:new", order).status()).isEqualTo(202);
        ObjectNode dispatch = JSON.createObjectNode();
        dispatch.putObject("dispatch").put("id", dispatchId).put("orderId", orderId).put("status", status)
                .put("provider", "kwik").putNull("trackingUrl").putNull("otp")
                .put("updatedAt", "2024-12-20T10:31:00Z");
        PublishClient.Response response = server.publisher().publish("dispatch:updated", dispatch);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
    }

    private static PublishClient.Response webhook(String body, String signature) {
        Map<String, String> headers = signature == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-Kwik-Signature", signature);
        return server.http("POST", "/webhooks/dispatch/kwik", body, headers);
    }

    private static String sign(String body) {
        return new KwikSignature(SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedWebhookIsAcceptedAndMapped() {
        orderWithDispatch("order_k1", "patient_k1", "dispatch_k1", "ASSIGNED");
        TestSocket patient = patient("patient_k1");
        String body = "{\"job_id\": \"J1\", \"unique_order_id\": \"dispatch_k1\", \"job_status\": 4,"
                + " \"tracking_link\": \"https://kwik.example/t/J1\", \"otp\": \"9876\"}";

        PublishClient.Response response = webhook(body, sign(body));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        JsonNode dispatch = patient.awaitEvent("dispatch:updated").path("dispatch");
        assertThat(dispatch.path("id").asText()).isEqualTo("dispatch_k1");
        assertThat(dispatch.path("orderId").asText()).isEqualTo("order_k1");
        assertThat(dispatch.path("status").asText()).isEqualTo("ARRIVED");
        assertThat(dispatch.path("provider").asText()).isEqualTo("kwik");
        assertThat(dispatch.path("trackingUrl").asText()).isEqualTo("https://kwik.example/t/J1");
        assertThat(dispatch.path("otp").asText()).isEqualTo("9876");

        assertThat(webhook(body, sign(body)).body().path("emitted").asInt()).as("same status again").isZero();
        patient.assertNoEvent("dispatch:updated", QUIET);
    }

    @Test
    void aBadOrMissingSignatureIs401() {
        orderWithDispatch("order_k2", "patient_k2", "dispatch_k2", "ASSIGNED");
        TestSocket patient = patient("patient_k2");
        String body = "{\"unique_order_id\": \"dispatch_k2\", \"job_status\": 2}";

        assertThat(webhook(body, sign(body + " ")).status()).isEqualTo(401);
        assertThat(webhook(body, null).status()).isEqualTo(401);
        PublishClient.Response forged = webhook(body, new KwikSignature("guessed").sign(body.getBytes()));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
        String unknownStatus = "{\"unique_order_id\": \"dispatch_k2\", \"job_status\": 5}";
        assertThat(webhook(unknownStatus, sign(unknownStatus)).status()).isEqualTo(400);
        patient.assertNoEvent("dispatch:updated", QUIET);
    }

    @Test
    void pollingLogsInOnceEmitsOnChangeOnlyAndLogsInAgainAfter401() throws Exception {
        kwik.setJob("dispatch_k3", 7);
        orderWithDispatch("order_k3", "patient_k3", "dispatch_k3", "ASSIGNED");
        TestSocket patient = patient("patient_k3");
        int callsBefore = kwik.statusCalls();
        waitUntil(() -> kwik.statusCalls() >= callsBefore + 2);
        patient.assertNoEvent("dispatch:updated", Duration.ZERO);

        kwik.setJob("dispatch_k3", 1);
        JsonNode started = patient.awaitEvent("dispatch:updated").path("dispatch");
        assertThat(started.path("status").asText()).isEqualTo("IN_TRANSIT");
        assertThat(started.path("trackingUrl").asText()).isEqualTo("https://kwik.example/track/dispatch_k3");
        patient.assertNoEvent("dispatch:updated", QUIET);
        int logins = kwik.logins();
        assertThat(logins).as("the token is cached between polls").isBetween(1, 2);

        kwik.expireToken();
        kwik.setJob("dispatch_k3", 2);
        assertThat(patient.awaitEvent("dispatch:updated").path("dispatch").path("status").asText())
                .isEqualTo("DELIVERED");
        assertThat(kwik.logins()).isEqualTo(logins + 1);
    }

    @Test
    void missingConfigurationFailsThePluginNamingTheKey() {
        try (MedsyncTestServer unconfigured = withPlugins(MedsyncTestServer.builder())
                .config("medsync.plugin-config.dispatch-kwik.email", FakeKwik.EMAIL)
                .config("medsync.plugin-config.dispatch-kwik.webhook-secret", "secret")
                .start()) {
            assertThat(unconfigured.pluginState("dispatch-kwik")).isEqualTo("FAILED");
            JsonNode view = null;
            for (JsonNode plugin : unconfigured.admin("GET", "/admin/plugins", null).body()) {
                if (plugin.path("id").asText().equals("dispatch-kwik")) {
                    view = plugin;
                }
            }
            assertThat(view).isNotNull();
            assertThat(view.toString()).contains("medsync.plugin-config.dispatch-kwik.base-url");
            assertThat(unconfigured.pluginState("dispatch")).isEqualTo("STARTED");
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
