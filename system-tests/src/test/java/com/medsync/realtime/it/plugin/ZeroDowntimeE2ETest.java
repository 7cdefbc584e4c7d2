package com.medsync.realtime.it.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators change plugins while 500 official clients are connected to /patient-pharmacy and events of a
 * plugin that stays keep flowing: no client is dropped and no event is lost or duplicated.
 */
class ZeroDowntimeE2ETest {

    private static final int CLIENTS = 500;
    private static final String ROOM = "pharmacy:pharmacy_zd";

    @TempDir
    Path pluginsDir;

    @TempDir
    Path stateDir;

    @Test
    void pluginChangesDropNoClientAndLoseNoEvent() throws Exception {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        TestPlugins.legacy(pluginsDir);
        TestPlugins.ticker(pluginsDir);
        Map<String, Object> settings = Map.of(
                "medsync.plugins.dir", pluginsDir.toString(),
                "medsync.state.dir", stateDir.toString(),
                "medsync.phases.full.plugins", List.of("echo", "greeter", "legacy-test", "ticker"),
                "medsync.phases.lean.plugins", List.of("echo"));
        try (EmbeddedMedsync medsync = EmbeddedMedsync.start(settings); JsClients js = new JsClients()) {
            assertThat(medsync.admin("POST", "/admin/phases/full/apply", null).status()).isEqualTo(200);
            List<JsSocket> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(js.connect(medsync.canonicalUrl(),
                        Map.of("auth", Map.of("token", medsync.pharmacyToken("staff_zd_" + i, "pharmacy_zd")),
                                "transports", List.of("websocket"))));
            }
            for (JsSocket client : clients) {
                client.awaitConnect(Duration.ofSeconds(30));
            }

            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Throwable> publishFailure = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try {
                    for (int seq = 1; seq <= 60; seq++) {
                        EmbeddedMedsync.Response response = medsync.publish("{\"event\":\"test:echo\",\"data\":{\"seq\":"
                                + seq + "},\"to\":[\"" + ROOM + "\"]}");
                        if (response.status() != 202) {
                            throw new AssertionError("publish " + seq + " answered " + response.status() + " "
                                    + response.body());
                        }
                        sent.set(seq);
                        Thread.sleep(50);
                    }
                } catch (Throwable e) {
                    publishFailure.set(e);
                }
            }, "zero-downtime-publisher");
            publisher.start();

            // Every kind of change an operator makes, while events flow.
            assertThat(medsync.admin("POST", "/admin/plugins/legacy-test/stop", null).status()).isEqualTo(200);
            assertThat(medsync.admin("POST", "/admin/plugins/greeter/reload", null).status()).isEqualTo(200);
            assertThat(medsync.admin("DELETE", "/admin/plugins/ticker", null).status()).isEqualTo(200);
            assertThat(medsync.admin("POST", "/admin/plugins", "{\"path\":\"ticker-1.0.0.jar\"}").status())
                    .isEqualTo(200);
            assertThat(medsync.admin("POST", "/admin/phases/lean/apply", null).status()).isEqualTo(200);
            assertThat(medsync.admin("POST", "/admin/phases/full/apply", null).status()).isEqualTo(200);
            publisher.join(30_000);
            assertThat(publishFailure.get()).isNull();
            assertThat(sent.get()).isEqualTo(60);

            for (JsSocket client : clients) {
                client.await("the last event", Duration.ofSeconds(30), e -> "event".equals(e.path("type").asText())
                        && "test:echo".equals(e.path("event").asText()) && e.path("args").path(0).path("seq").asInt() == 60);
            }
            for (JsSocket client : clients) {
                List<Integer> seqs = new ArrayList<>();
                boolean disconnected = false;
                for (JsonNode record : client.events()) {
                    String type = record.path("type").asText();
                    disconnected |= "disconnect".equals(type);
                    if ("event".equals(type) && "test:echo".equals(record.path("event").asText())) {
                        seqs.add(record.path("args").path(0).path("seq").asInt());
                    }
                }
                assertThat(disconnected).as(client + " was disconnected").isFalse();
                assertThat(seqs).as(client + " received every event once, in order")
                        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList());
            }
            JsonNode stats = medsync.admin("GET", "/admin/stats", null).json();
            assertThat(stats.path("namespaces").path("/patient-pharmacy").path("connections").asInt()).isEqualTo(CLIENTS);
        }
    }
}
