package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.testkit.MedsyncTestServer;
import com.medsync.realtime.testkit.PublishClient;
import com.medsync.realtime.testkit.TestSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders plugin jar, as built, in a real embedded server, seen by Socket.IO clients and the publish API. */
class OrdersPluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(400);

    private static MedsyncTestServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = MedsyncTestServer.builder()
                .pluginJar(Path.of(System.getProperty("medsync.plugin.jar")))
                .config("medsync.plugin-config.orders.order-ttl", "1h")
                .start();
        assertThat(server.pluginState("orders")).isEqualTo("STARTED");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @org.junit.jupiter.api.AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    private TestSocket connected(String token) {
        TestSocket socket = server.connect(token);
        sockets.add(socket);
        socket.awaitConnect();
        return socket;
    }

    static ObjectNode order(String id, String pharmacyId, String patientId) {
        ObjectNode order = JSON.createObjectNode();
        order.put("id", id).put("drugName", "Paracetamol").put("quantity", 2).put("status", "PENDING");
        order.putObject("patient").put("id", patientId).put("phone", "+2348000000000");
        order.putObject("pharmacy").put("id", pharmacyId).put("name", "MedSync Pharmacy");
        order.put("createdAt", "2024-12-20T10:30:00Z");
        order.put("note", "passes through");
        return order;
    }

    @Test
    void orderNewReachesThePharmacyAndThePatientOnly() {
        TestSocket staff = connected(server.tokens().pharmacy("staff_1", "pharmacy_a1"));
        TestSocket patient = connected(server.tokens().patient("patient_a1"));
        TestSocket otherPharmacy = connected(server.tokens().pharmacy("staff_2", "pharmacy_a2"));
        TestSocket otherPatient = connected(server.tokens().patient("patient_a2"));
        ObjectNode order = order("order_a1", "pharmacy_a1", "patient_a1");

        PublishClient.Response response = server.publisher().publish("order:new", order);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(response.body().path("rooms")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("pharmacy:pharmacy_a1", "user:patient_a1");
        assertThat(staff.awaitEvent("order:new")).isEqualTo(order);
        assertThat(patient.awaitEvent("order:new")).isEqualTo(order);
        otherPharmacy.assertNoEvent("order:new", QUIET);
        otherPatient.assertNoEvent("order:new", Duration.ZERO);
    }

    @Test
    void eachViolationIsA422NamingTheField() {
        Map<String, JsonNode> broken = Map.of(
                "quantity", JSON.getNodeFactory().numberNode(0),
                "pharmacy.id", JSON.getNodeFactory().textNode("not a room id"),
                "patient.phone", JSON.getNodeFactory().nullNode(),
                "createdAt", JSON.getNodeFactory().textNode("20/12/2024"),
                "drugName", JSON.getNodeFactory().numberNode(1));
        broken.forEach((field, value) -> {
            ObjectNode order = order("order_v1", "pharmacy_v1", "patient_v1");
            String[] path = field.split("\\.");
            ObjectNode parent = path.length == 1 ? order : (ObjectNode) order.get(path[0]);
            parent.set(path[path.length - 1], value);

            PublishClient.Response response = server.publisher().publish("order:new", order);

            assertThat(response.status()).as(field).isEqualTo(422);
            assertThat(response.body().path("error").path("code").asText()).isEqualTo("CONTRACT_VIOLATION");
            assertThat(response.body().path("error").path("field").asText()).isEqualTo("data." + field);
        });
        ObjectNode missing = order("order_v2", "pharmacy_v1", "patient_v1");
        missing.remove("status");
        assertThat(server.publisher().publish("order:new", missing).body().path("error").path("field").asText())
                .isEqualTo("data.status");
    }

    @Test
    void orderUpdatedGoesToTheRoomsOfThatOrder() {
        assertThat(server.publisher().publish("order:new", order("order_u1", "pharmacy_u1", "patient_u1")).status())
                .isEqualTo(202);
        TestSocket staff = connected(server.tokens().pharmacy("staff_u1", "pharmacy_u1"));
        TestSocket patient = connected(server.tokens().patient("patient_u1"));
        TestSocket stranger = connected(server.tokens().pharmacy("staff_u2", "pharmacy_u2"));
        Map<String, String> update = Map.of("id", "order_u1", "status", "CONFIRMED",
                "updatedAt", "2024-12-20T10:35:00Z");

        PublishClient.Response response = server.publisher().publish("order:updated", update);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(staff.awaitEvent("order:updated")).isEqualTo(JSON.valueToTree(update));
        assertThat(patient.awaitEvent("order:updated")).isEqualTo(JSON.valueToTree(update));
        stranger.assertNoEvent("order:updated", QUIET);
    }

    @Test
    void anUnknownOrderNeedsExplicitRooms() {
        Map<String, String> update = Map.of("id", "order_never_seen", "status", "CONFIRMED",
                "updatedAt", "2024-12-20T10:35:00Z");

        PublishClient.Response refused = server.publisher().publish("order:updated", update);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("error").path("field").asText()).isEqualTo("data.id");
        assertThat(refused.body().path("error").path("message").asText()).contains("order_never_seen");

        TestSocket patient = connected(server.tokens().patient("patient_x9"));
        PublishClient.Response accepted = server.publisher().publish("order:updated", update, "user:patient_x9");
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        assertThat(patient.awaitEvent("order:updated").path("id").asText()).isEqualTo("order_never_seen");
    }

    @Test
    void orderUpdatedItselfIsCheckedFirst() {
        PublishClient.Response response = server.publisher().publish("order:updated",
                Map.of("id", "order_u1", "status", "CONFIRMED"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("error").path("field").asText()).isEqualTo("data.updatedAt");
    }
}
