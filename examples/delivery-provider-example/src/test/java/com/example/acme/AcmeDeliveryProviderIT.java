package com.example.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.testkit.MedsyncTestServer;
import com.medsync.realtime.testkit.PublishClient;
import com.medsync.realtime.testkit.TestSocket;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built plugin jar in a real MedSync node with the orders and dispatch plugins it runs with. */
class AcmeDeliveryProviderIT {

    private static final Map<String, Object> ORDER = Map.of(
            "id", "order_1", "drugName", "Paracetamol", "quantity", 2, "status", "PENDING",
            "patient", Map.of("id", "patient_1", "phone", "+2348000000000"),
            "pharmacy", Map.of("id", "pharmacy_1", "name", "MedSync Pharmacy"),
            "createdAt", "2024-12-20T10:30:00Z");

    @Test
    void acmeCallbacksReachThePatientAsDispatchUpdates() {
        try (MedsyncTestServer server = MedsyncTestServer.builder()
                .pluginsFrom(Path.of(System.getProperty("acme.platform.plugins")))
                .pluginJar(Path.of(System.getProperty("acme.plugin.jar")))
                .start()) {
            assertThat(server.pluginState("acme-delivery")).isEqualTo("STARTED");
            TestSocket patient = server.connect(server.tokens().patient("patient_1"));
            patient.awaitConnect();
            assertThat(server.publisher().publish("order:new", ORDER).status()).isEqualTo(202);
            patient.awaitEvent("order:new");

            PublishClient.Response accepted = server.http("POST", "/webhooks/dispatch/acme",
                    "{\"delivery\":\"dispatch_1\",\"order\":\"order_1\",\"state\":\"on_the_way\"}",
                    Map.of("X-Acme-Token", AcmeDeliveryProvider.TOKEN, "Content-Type", "application/json"));

            assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
            JsonNode update = patient.awaitEvent("dispatch:updated").path("dispatch");
            assertThat(update.path("id").asText()).isEqualTo("dispatch_1");
            assertThat(update.path("provider").asText()).isEqualTo("acme");
            assertThat(update.path("status").asText()).isEqualTo("IN_TRANSIT");

            PublishClient.Response refused = server.http("POST", "/webhooks/dispatch/acme",
                    "{\"delivery\":\"dispatch_1\",\"order\":\"order_1\",\"state\":\"delivered\"}",
                    Map.of("X-Acme-Token", "guess", "Content-Type", "application/json"));
            assertThat(refused.status()).isEqualTo(401);
            patient.close();
        }
    }
}
