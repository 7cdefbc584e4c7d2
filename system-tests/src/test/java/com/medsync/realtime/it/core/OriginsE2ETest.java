package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.support.RawEngineIo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MEDSYNC_ALLOWED_ORIGINS on polling and on the WebSocket upgrade; clients without an Origin are not browsers. */
class OriginsE2ETest {

    private static final String ALLOWED = "https://pharmacy.medsync.example";
    private static final String HANDSHAKE = "/socket.io/?EIO=4&transport=polling";

    private static EmbeddedMedsync medsync;

    @BeforeAll
    static void start() {
        medsync = EmbeddedMedsync.start(Map.of("medsync.allowed-origins", List.of(ALLOWED)));
    }

    @AfterAll
    static void stop() {
        medsync.close();
    }

    private static RawEngineIo.HttpOutcome handshake(Map<String, String> headers) {
        return RawEngineIo.http(medsync.socketPort(), "GET", HANDSHAKE, null, headers, Duration.ofSeconds(5));
    }

    @Test
    void pollingFromAnAllowedOriginOrNoOriginIsServed() {
        assertThat(handshake(Map.of("Origin", ALLOWED)).status()).isEqualTo(200);
        assertThat(handshake(Map.of()).status()).isEqualTo(200);
    }

    @Test
    void pollingFromAnyOtherOriginIsForbidden() {
        RawEngineIo.HttpOutcome refused = handshake(Map.of("Origin", "https://evil.example"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Origin not allowed");
        assertThat(handshake(Map.of("Origin", "http://localhost:3000")).status())
                .as("localhost is a browser origin like any other outside dev mode").isEqualTo(403);
    }

    @Test
    void theWebSocketUpgradeChecksTheOriginToo() {
        try (RawEngineIo allowed = RawEngineIo.websocket(medsync.socketPort(), "", Map.of("Origin", ALLOWED))) {
            assertThat(allowed.open().sid()).isNotBlank();
        }
        assertThatThrownBy(() -> RawEngineIo.websocket(medsync.socketPort(), "", Map.of("Origin", "https://evil.example")))
                .hasStackTraceContaining("Unexpected HTTP response status code 403");
    }
}
