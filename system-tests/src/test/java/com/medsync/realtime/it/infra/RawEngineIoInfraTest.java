package com.medsync.realtime.it.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.it.support.BareNettySocketIoServer;
import com.medsync.realtime.it.support.RawEngineIo;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw Engine.IO client, proven against plain netty-socketio. */
class RawEngineIoInfraTest {

    private static final String GOOD_CONNECT = "40/patient-pharmacy,{\"token\":\"good\"}";

    private static BareNettySocketIoServer server;

    @BeforeAll
    static void start() {
        server = BareNettySocketIoServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pollingOpenAndNamespaceConnect() {
        try (RawEngineIo eio = RawEngineIo.polling(server.port())) {
            assertThat(eio.open().sid()).isNotBlank();
            assertThat(eio.open().upgrades()).containsExactly("websocket");
            assertThat(eio.frames().get(0)).startsWith("0{\"sid\":\"" + eio.sid() + "\"");

            eio.send(GOOD_CONNECT);

            assertThat(eio.awaitFrameStartingWith("40")).isEqualTo("40/patient-pharmacy,{\"sid\":\"" + eio.sid() + "\"}");
        }
    }

    @Test
    void websocketOpenAndNamespaceConnect() {
        try (RawEngineIo eio = RawEngineIo.websocket(server.port())) {
            assertThat(eio.transport()).isEqualTo(RawEngineIo.Transport.WEBSOCKET);
            assertThat(eio.open().upgrades()).isEmpty();

            eio.send(GOOD_CONNECT);

            assertThat(eio.awaitFrameStartingWith("40")).isEqualTo("40/patient-pharmacy,{\"sid\":\"" + eio.sid() + "\"}");
        }
    }

    @Test
    void pollingUpgradesToWebSocket() {
        try (RawEngineIo eio = RawEngineIo.polling(server.port())) {
            eio.send(GOOD_CONNECT);
            eio.awaitFrameStartingWith("40/patient-pharmacy,");

            eio.upgradeToWebSocket();
            eio.send("42/patient-pharmacy,1[\"echo\",{\"over\":\"ws\"}]");

            assertThat(eio.transport()).isEqualTo(RawEngineIo.Transport.WEBSOCKET);
            assertThat(eio.awaitFrameStartingWith("42/patient-pharmacy,")).isEqualTo("42/patient-pharmacy,[\"echo\",{\"over\":\"ws\"}]");
            assertThat(eio.awaitFrameStartingWith("43/patient-pharmacy,")).isEqualTo("43/patient-pharmacy,1[{\"over\":\"ws\"}]");
            // 3probe came over the new WebSocket before the echo, and the noop released the last poll. The noop
            // travels on the polling connection, so whether the client reads it before or after 3probe is a race.
            assertThat(eio.frames()).contains("6").containsSubsequence("3probe", "42/patient-pharmacy,[\"echo\",{\"over\":\"ws\"}]");
        }
    }

    @Test
    void severalPacketsInOnePollingPost() {
        try (RawEngineIo eio = RawEngineIo.polling(server.port())) {
            eio.send(GOOD_CONNECT, "42/patient-pharmacy,7[\"echo\",\"batched\"]");

            eio.awaitFrameStartingWith("40/patient-pharmacy,");
            assertThat(eio.awaitFrameStartingWith("43/patient-pharmacy,7")).isEqualTo("43/patient-pharmacy,7[\"batched\"]");
        }
    }

    @Test
    void serverPingsAreAnsweredUnlessTurnedOff() {
        // Short ping timings so the session would die within a second without pongs.
        try (BareNettySocketIoServer fast = BareNettySocketIoServer.start(config -> {
                    config.setPingInterval(200);
                    config.setPingTimeout(300);
                });
                RawEngineIo answering = RawEngineIo.websocket(fast.port());
                RawEngineIo silent = RawEngineIo.websocket(fast.port()).autoPong(false)) {
            answering.send(GOOD_CONNECT);
            silent.send(GOOD_CONNECT);

            // netty-socketio gives up on the silent session with a DISCONNECT; whether the socket is then
            // closed at once depends on timing, so the DISCONNECT is what is awaited.
            silent.awaitFrameStartingWith("41", Duration.ofSeconds(5));

            assertThat(answering.frames()).doesNotContain("41");
            assertThat(answering.isClosed()).isFalse();
            assertThat(answering.frames()).contains("2");
        }
    }
}
