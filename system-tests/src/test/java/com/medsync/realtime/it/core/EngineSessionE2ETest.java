package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.it.support.RawEngineIo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The life of an Engine.IO session, frame by frame, as protocol 4 and the official suite define it: the
 * heartbeat and its timeout on both transports, the client's close packet, and a session that belongs to
 * its WebSocket alone once upgraded. The timings are the official suite's (300 ms / 200 ms).
 */
class EngineSessionE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final LiveServer live = LiveServer.plain(Map.of(
            "medsync.socket.ping-interval", "300ms",
            "medsync.socket.ping-timeout", "200ms"));

    private static int port() {
        return live.medsync().socketPort();
    }

    @Test
    void theOpenPacketAnnouncesTheConfiguredHeartbeat() {
        try (RawEngineIo session = RawEngineIo.websocket(port())) {
            assertThat(session.open().pingInterval()).isEqualTo(300);
            assertThat(session.open().pingTimeout()).isEqualTo(200);
        }
    }

    @Test
    void aWebSocketClientThatAnswersIsPingedAgainAndAgain() {
        try (RawEngineIo session = RawEngineIo.websocket(port())) {
            for (int i = 0; i < 4; i++) {
                session.awaitFrame("2");
            }
            assertThat(session.isClosed()).isFalse();
        }
    }

    @Test
    void aWebSocketClientThatStopsAnsweringIsClosed() {
        try (RawEngineIo session = RawEngineIo.websocket(port()).autoPong(false)) {
            session.awaitFrame("2");
            session.awaitClose(WAIT);
        }
    }

    @Test
    void aPollingClientThatAnswersIsPingedAgainAndAgain() {
        try (RawEngineIo session = RawEngineIo.pollingManual(port())) {
            for (int i = 0; i < 3; i++) {
                RawEngineIo.HttpOutcome poll = session.pollOnce(WAIT);
                assertThat(poll.status()).as(poll.toString()).isEqualTo(200);
                assertThat(poll.body()).isEqualTo("2");
                assertThat(session.post("3").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aPollingClientThatStopsPollingIsClosedAfterThePingTimeout() {
        try (RawEngineIo session = RawEngineIo.pollingManual(port()).autoPong(false)) {
            RawEngineIo.HttpOutcome poll = session.pollOnce(WAIT);
            assertThat(poll.body()).isEqualTo("2");
            // No pong: within pingTimeout of that ping the session is closed (a poll held meanwhile gets the
            // close packet), and the next poll is refused.
            RawEngineIo.HttpOutcome next = session.pollOnce(WAIT);
            if (next.status() == 200) {
                assertThat(next.body()).isEqualTo("1");
                next = session.pollOnce(WAIT);
            }
            assertThat(next.status()).as(next.toString()).isEqualTo(400);
            assertThat(next.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        }
    }

    @Test
    void aClosePacketOverWebSocketClosesTheConnection() {
        try (RawEngineIo session = RawEngineIo.websocket(port())) {
            session.send("1");
            session.awaitClose(WAIT);
        }
    }

    @Test
    void aClosePacketOverPollingReleasesThePendingPollAndEndsTheSession() throws Exception {
        try (RawEngineIo session = RawEngineIo.pollingManual(port())) {
            CompletableFuture<RawEngineIo.HttpOutcome> pending = CompletableFuture.supplyAsync(() -> session.pollOnce(WAIT));
            assertThat(session.post("1").statusCode()).isEqualTo(200);
            RawEngineIo.HttpOutcome released = pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(released.status()).as(released.toString()).isEqualTo(200);
            assertThat(released.body()).isEqualTo("6");
            RawEngineIo.HttpOutcome after = RawEngineIo.get(port(), "EIO=4&transport=polling&sid=" + session.sid());
            assertThat(after.status()).as(after.toString()).isEqualTo(400);
        }
    }

    @Test
    void afterAnUpgradeAPollForTheSessionIsRefused() {
        try (RawEngineIo session = RawEngineIo.polling(port())) {
            session.upgradeToWebSocket();
            RawEngineIo.HttpOutcome poll = RawEngineIo.get(port(), "EIO=4&transport=polling&sid=" + session.sid());
            assertThat(poll.status()).as(poll.toString()).isEqualTo(400);
            assertThat(poll.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            // The WebSocket that owns the session is untouched.
            session.awaitFrame("2");
            assertThat(session.isClosed()).isFalse();
        }
    }

    @Test
    void afterAnUpgradeASecondWebSocketForTheSessionIsClosedAtOnce() throws Exception {
        try (RawEngineIo session = RawEngineIo.polling(port())) {
            session.upgradeToWebSocket();
            List<String> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + FreePorts.LOOPBACK + ":" + port() + RawEngineIo.PATH
                            + "?EIO=4&transport=websocket&sid=" + session.sid()), new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                    received.add(data.toString());
                                    ws.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                                    closed.complete(statusCode);
                                    return null;
                                }
                            })
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(received).isEmpty();
            session.awaitFrame("2");
            assertThat(session.isClosed()).isFalse();
        }
    }

    /**
     * Found by fuzzing: netty-socketio cannot write an ack id above an int's range, and the failed write left every
     * later packet of the connection, its close packet too, unsent: a connection open but deaf. Such an id is now
     * a malformed packet, and the connection closes.
     */
    @Test
    void anAckIdTooLargeToAnswerClosesTheConnection() {
        try (RawEngineIo session = RawEngineIo.websocket(port())) {
            session.send("40/patient-pharmacy,{\"token\":\"" + live.medsync().patientToken("big_ack") + "\"}");
            session.awaitFrameStartingWith("40/patient-pharmacy");
            session.send("42/patient-pharmacy,2147483647[\"leave\",{\"room\":\"chat:r1\"}]");
            session.awaitFrameStartingWith("43/patient-pharmacy,2147483647[");
            session.send("42/patient-pharmacy,999999999999999[\"leave\",{\"room\":\"chat:r1\"}]");
            session.awaitClose(WAIT);
        }
    }
}
