package com.medsync.realtime.it.infra;

import static com.medsync.realtime.it.support.BareNettySocketIoServer.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.BareNettySocketIoServer;
import com.medsync.realtime.it.support.BareNettySocketIoServer.Seen;
import com.medsync.realtime.it.support.JavaSocketIoClients;
import com.medsync.realtime.it.support.JavaSocketIoClients.JavaClient;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RawEngineIo;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What plain netty-socketio 2.0.14 actually does with the frames MedSync must get right. Each test pins
 * today's behaviour of the bare library (defects included), so a MedSync test asserting the opposite
 * shows a gap that exists in bare netty-socketio and not in MedSync. If one of these starts failing
 * after a netty-socketio upgrade, the library changed: re-read the MedSync workaround it justified.
 */
class BareNettySocketIoBehaviourTest {

    private static final Duration QUIET = Duration.ofMillis(700);

    private static BareNettySocketIoServer server;
    private static JsClients js;

    @BeforeAll
    static void start() {
        server = BareNettySocketIoServer.start();
        js = new JsClients();
    }

    @AfterAll
    static void stop() {
        if (js != null) {
            js.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // (a) ------------------------------------------------------------------------------------------

    @Test
    void bareServerAcceptsConnectWithoutAuthPayload() {
        try (RawEngineIo eio = RawEngineIo.polling(server.port())) {
            eio.send("40/patient-pharmacy,");

            // The AuthTokenListener is only consulted when the CONNECT carries a payload.
            assertThat(eio.awaitFrameStartingWith("4")).isEqualTo("40/patient-pharmacy,{\"sid\":\"" + eio.sid() + "\"}");
            Await.until("the namespace connect listener ran", () -> server.seen(eio.sid()).contains(connect(eio.sid())));
        }
    }

    @Test
    void bareServerAcceptsJsClientWithoutAuth() {
        JsSocket socket = js.connect(server.namespaceUrl(), Map.of());

        assertThat(socket.awaitConnect().id()).isNotBlank();
        socket.close();
    }

    // (b) ------------------------------------------------------------------------------------------

    @Test
    void bareServerHandlesEventsAfterConnectError() {
        String room = "after-refusal-" + UUID.randomUUID();
        try (RawEngineIo eio = RawEngineIo.websocket(server.port())) {
            eio.send("40/patient-pharmacy,{\"token\":\"bad\"}");
            assertThat(eio.awaitFrameStartingWith("44")).isEqualTo("44/patient-pharmacy,\"Authentication error: token missing\"");

            eio.send("42/patient-pharmacy,1[\"join\",{\"room\":\"" + room + "\"}]");

            // The refused client is still registered in the namespace, so its events run and are acked.
            assertThat(eio.awaitFrameStartingWith("43")).isEqualTo("43/patient-pharmacy,1[{\"ok\":true}]");
            assertThat(server.roomMembers(room)).containsExactly(eio.sid());
            assertThat(server.server().getNamespace(NAMESPACE).getClient(UUID.fromString(eio.sid()))).isNotNull();
            // ...without its connect listener ever having run.
            assertThat(server.seen(eio.sid())).doesNotContain(connect(eio.sid()));
        }
    }

    @Test
    void bareServerLetsARefusedSessionRetryOnTheSameConnection() {
        try (RawEngineIo eio = RawEngineIo.polling(server.port())) {
            eio.send("40/patient-pharmacy,{\"token\":\"bad\"}");
            eio.awaitFrameStartingWith("44/patient-pharmacy,");

            eio.send("40/patient-pharmacy,{\"token\":\"good\"}");

            assertThat(eio.awaitFrameStartingWith("4")).isEqualTo("40/patient-pharmacy,{\"sid\":\"" + eio.sid() + "\"}");
        }
    }

    // (c) ------------------------------------------------------------------------------------------

    @Test
    void bareServerNeverAnswersConnectWhoseAuthContainsBracket() {
        try (RawEngineIo eio = RawEngineIo.websocket(server.port())) {
            // The header parser looks for '[' (the start of event args) anywhere in the frame and then
            // tries Long.valueOf("{\"token\":\"a") as an ack id: NumberFormatException, logged, dropped.
            eio.send("40/patient-pharmacy,{\"token\":\"a[b\"}");
            eio.assertNoFrameStartingWith("4", QUIET);

            // Even a good token is lost if any other auth field contains '['.
            eio.send("40/patient-pharmacy,{\"token\":\"good\",\"device\":\"[x]\"}");
            eio.assertNoFrameStartingWith("4", QUIET);

            // The Engine.IO session survives and a clean CONNECT still works.
            assertThat(eio.isClosed()).isFalse();
            eio.send("40/patient-pharmacy,{\"token\":\"good\"}");
            assertThat(eio.awaitFrameStartingWith("4")).isEqualTo("40/patient-pharmacy,{\"sid\":\"" + eio.sid() + "\"}");
        }
    }

    @Test
    void bareServerLeavesJsClientHangingWhenAuthContainsBracket() {
        JsSocket socket = js.connect(server.namespaceUrl(), Map.of("auth", Map.of("token", "a[b"), "reconnection", false));

        // Neither connect nor connect_error: the app would show "connecting" forever.
        socket.assertNoEvent("connect", QUIET);
        assertThat(socket.events()).isEmpty();
        socket.close();
    }

    @Test
    void bareServerMangesNamespaceWhenAuthContainsQuestionMark() {
        try (RawEngineIo eio = RawEngineIo.polling(server.port())) {
            // The namespace reader cuts at the first '?' (a v2 query string), which here is inside the JSON.
            eio.send("40/patient-pharmacy,{\"token\":\"a?b\"}");

            assertThat(eio.awaitFrameStartingWith("4")).isEqualTo("44/patient-pharmacy,{\"token\":\"a,\"Invalid namespace\"");
        }
    }

    @Test
    void bareServerQuestionMarkInAuthBreaksTheJsClientsConnection() {
        JsSocket socket = js.connect(server.namespaceUrl(), Map.of("auth", Map.of("token", "a?b"), "reconnection", false));

        // The mangled CONNECT_ERROR does not parse, so the client drops the whole connection; no connect_error.
        assertThat(socket.awaitDisconnect()).isEqualTo("parse error");
        assertThat(socket.events()).noneMatch(e -> "connect_error".equals(e.path("type").asText()));
        socket.close();
    }

    // (d) ------------------------------------------------------------------------------------------

    @Test
    void bareServerStringErrorPayloadGivesEmptyJsErrMessage() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth("bad"));

        JsSocket.ConnectError error = socket.awaitConnectError();

        // On the wire: 44/patient-pharmacy,"Authentication error: token missing". socket.io-client reads
        // err.message from payload.message, which a String does not have.
        assertThat(error.message()).isEmpty();
        assertThat(error.data().isNull()).isTrue();
        socket.close();
    }

    @Test
    void bareServerAnswersUnknownNamespaceWithAStringPayload() {
        try (RawEngineIo eio = RawEngineIo.websocket(server.port())) {
            eio.send("40/nope,");

            assertThat(eio.awaitFrameStartingWith("4")).isEqualTo("44/nope,\"Invalid namespace\"");
        }
    }

    @Test
    void bareServerUnknownNamespaceGivesEmptyJsErrMessage() {
        JsSocket socket = js.connect(server.url() + "/nope", JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));

        // The reference server sends {"message":"Invalid namespace"}; here err.message is "".
        assertThat(socket.awaitConnectError().message()).isEmpty();
        socket.close();
    }

    @Test
    void bareServerStringConnectErrorNeverReachesTheJavaClient() {
        try (JavaClient client = JavaSocketIoClients.connect(server.namespaceUrl(), Map.of("token", "bad"))) {
            // io.socket 2.x only accepts an object CONNECT_ERROR payload; it drops the String one as
            // "invalid payload", so the Java app sees neither connect nor connect_error.
            client.assertNothing("connect_error", QUIET);
            client.assertNothing("connect", Duration.ZERO);
        }
    }

    // (e) ------------------------------------------------------------------------------------------

    @Test
    void bareServerFiresDefaultNamespaceConnectForClientsOfOtherNamespaces() {
        JsSocket socket = js.connect(server.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        String id = socket.awaitConnect().id();

        // The handshake itself "connects" every Engine.IO session to '' (a Socket.IO v2 habit).
        Await.until("default-namespace connect for " + id, () -> server.defaultNamespaceConnects().contains(id));
        socket.close();
    }

    @Test
    void bareServerFiresDefaultNamespaceConnectForSessionsThatNeverConnectedAnywhere() {
        try (RawEngineIo polling = RawEngineIo.polling(server.port());
                RawEngineIo refused = RawEngineIo.websocket(server.port())) {
            refused.send("40/patient-pharmacy,{\"token\":\"bad\"}");
            refused.awaitFrameStartingWith("44");

            Await.until("default-namespace connects for a bare handshake and a refused client",
                    () -> server.defaultNamespaceConnects().containsAll(java.util.List.of(polling.sid(), refused.sid())));
        }
    }

    // Engine.IO over raw HTTP --------------------------------------------------------------------

    @Test
    void bareServerServesUnsupportedEioVersionsAsEngineIoV3() {
        for (String query : java.util.List.of("EIO=9&transport=polling", "EIO=3&transport=polling", "transport=polling")) {
            RawEngineIo.HttpOutcome outcome = RawEngineIo.get(server.port(), query);

            // Not refused: a handshake in Engine.IO v3's binary payload framing (0x00, length digits, 0xFF).
            assertThat(outcome.status()).as(query).isEqualTo(200);
            assertThat(outcome.body()).as(query).startsWith("\u0000").contains("0{\"sid\":\"");
        }
    }

    @Test
    void bareServerRejectsUnknownOrMissingTransport() {
        assertThat(RawEngineIo.get(server.port(), "EIO=4&transport=flash").toString())
                .isEqualTo("HTTP 400 {\"code\":0,\"message\":\"Transport unknown\"}");
        assertThat(RawEngineIo.get(server.port(), "EIO=4").toString())
                .isEqualTo("HTTP 400 {\"code\":0,\"message\":\"Transport unknown\"}");
    }

    @Test
    void bareServerAnswersUnknownSessionIdWithEmpty500() {
        RawEngineIo.HttpOutcome outcome = RawEngineIo.get(server.port(), "EIO=4&transport=polling&sid=" + UUID.randomUUID());

        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.body()).isEmpty();
    }

    @Test
    void bareServerNeverAnswersMalformedSessionId() {
        // UUID.fromString throws inside the pipeline; nobody writes a response.
        RawEngineIo.HttpOutcome outcome = RawEngineIo.get(server.port(), "EIO=4&transport=polling&sid=nope", QUIET);

        assertThat(outcome.answered()).as(outcome.toString()).isFalse();
    }

    // Upgrade ----------------------------------------------------------------------------------------

    @Test
    void bareServerSendsASingleNoopDuringUpgrade() {
        try (RawEngineIo eio = RawEngineIo.pollingManual(server.port())) {
            eio.send("40/patient-pharmacy,{\"token\":\"good\"}");
            assertThat(eio.pollOnce(Duration.ofSeconds(5)).body()).startsWith("40/patient-pharmacy,");

            eio.probeWebSocket();

            // One noop is queued for the polling transport on 2probe...
            assertThat(eio.pollOnce(Duration.ofSeconds(5)).body()).isEqualTo("6");
            // ...and no more. A client whose poll consumed that noop just before it saw 3probe has
            // already sent its next poll and pauses until that poll returns: here, at the next ping
            // (25 s by default), with every emit of the meantime held back. The reference server
            // repeats the noop every 100 ms while an upgrade is pending.
            assertThat(eio.pollOnce(QUIET).answered()).isFalse();
        }
    }

    private static Seen connect(String sid) {
        return new Seen(sid, NAMESPACE, "connect");
    }
}
