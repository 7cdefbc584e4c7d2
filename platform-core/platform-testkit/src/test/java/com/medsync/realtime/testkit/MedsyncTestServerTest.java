package com.medsync.realtime.testkit;

import com.medsync.realtime.testkit.fixture.PingFeature;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server with a plugin built from the test class path, as a plugin author uses it. */
class MedsyncTestServerTest {

    @Test
    void startsAPluginFromTheClassPathAndServesItsClients() {
        try (MedsyncTestServer server = MedsyncTestServer.builder()
                .plugin(PluginJar.builder("ping").add(PingFeature.class).extension(PingFeature.class))
                .start()) {
            assertThat(server.pluginState("ping")).isEqualTo("STARTED");
            TestSocket socket = server.connect(server.tokens().patient("patient_1"));
            socket.awaitConnect();

            assertThat(socket.emitWithAck("ping", Map.of()).path(0).path("ok").asBoolean()).isTrue();

            assertThat(server.admin("POST", "/admin/plugins/ping/stop", null).status()).isEqualTo(200);
            assertThat(socket.emitWithAck("ping", Map.of()).path(0).path("error").path("code").asText())
                    .isEqualTo("BAD_REQUEST");
            assertThat(server.publisher().publish("order:new", Map.of("id", "o1")).status())
                    .as("no plugin owns order:new here").isEqualTo(404);
            socket.close();
        }
    }

    @Test
    void refusesTokensItDidNotIssue() {
        try (MedsyncTestServer server = MedsyncTestServer.builder().start()) {
            TestSocket socket = server.connect(TestTokens.withRandomSecret().patient("patient_1"));

            assertThat(socket.awaitConnectError()).isEqualTo("Authentication error: invalid signature");
        }
    }
}
