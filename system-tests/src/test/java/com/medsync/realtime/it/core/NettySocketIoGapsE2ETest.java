package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.BareNettySocketIoServer;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RawEngineIo;
import com.medsync.realtime.spi.event.EventTranslator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gaps of plain netty-socketio 2.0.14 that MedSync closes, each shown on the wire twice: against a
 * bare netty-socketio server written the usual way (the gap is there) and against MedSync (it is not).
 */
class NettySocketIoGapsE2ETest {

    private static final Duration QUIET = Duration.ofMillis(800);
    private static final String NS = "/patient-pharmacy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedMedsync medsync;
    private static BareNettySocketIoServer bare;
    private static JsClients js;

    @BeforeAll
    static void start() {
        medsync = EmbeddedMedsync.start();
        // The legacy namespace is served here so that gap (e) has a "/" whose listeners could misfire.
        medsync.server().namespaces().serve("/", EventTranslator.CANONICAL);
        TestEvents.all().forEach(medsync.server().publishedEvents()::register);
        bare = BareNettySocketIoServer.start();
        js = new JsClients();
    }

    @AfterAll
    static void stop() {
        js.close();
        bare.close();
        medsync.close();
    }

    @Test
    void connectWithoutAnAuthPayloadIsRefusedNotAccepted() {
        try (RawEngineIo bareClient = RawEngineIo.websocket(bare.port());
                RawEngineIo client = RawEngineIo.websocket(medsync.socketPort())) {
            bareClient.send("40" + NS + ",");
            client.send("40" + NS + ",");

            assertThat(bareClient.awaitFrameStartingWith("4")).as("bare netty-socketio skips its auth listener")
                    .startsWith("40" + NS + ",{\"sid\"");
            assertThat(client.awaitFrameStartingWith("4"))
                    .isEqualTo("44" + NS + ",{\"message\":\"Authentication error: token missing\"}");
        }
    }

    @Test
    void afterAConnectErrorTheClientCanNeitherEmitNorJoin() {
        try (RawEngineIo bareClient = RawEngineIo.websocket(bare.port());
                RawEngineIo client = RawEngineIo.websocket(medsync.socketPort())) {
            bareClient.send("40" + NS + ",{\"token\":\"bad\"}");
            client.send("40" + NS + ",{\"token\":\"bad\"}");
            bareClient.awaitFrameStartingWith("44" + NS);
            client.awaitFrameStartingWith("44" + NS);

            bareClient.send("42" + NS + ",1[\"join\",{\"room\":\"pharmacy:p1\"}]");
            client.send("42" + NS + ",1[\"join\",{\"room\":\"pharmacy:p1\"}]");

            assertThat(bareClient.awaitFrameStartingWith("43" + NS + ",1"))
                    .as("bare netty-socketio runs the event of a refused client").isNotEmpty();
            assertThat(bare.roomMembers("pharmacy:p1")).isNotEmpty();
            client.awaitClose(Duration.ofSeconds(5));
            assertThat(client.frames()).noneMatch(frame -> frame.startsWith("43"));
        }
    }

    @Test
    void authPayloadsWithBracketsOrQuestionMarksGetAnAnswer() {
        String token = medsync.patientToken("patient_brackets");
        try (RawEngineIo bareClient = RawEngineIo.websocket(bare.port());
                RawEngineIo client = RawEngineIo.websocket(medsync.socketPort())) {
            bareClient.send("40" + NS + ",{\"token\":\"good\",\"device\":\"a[b?c\"}");
            client.send("40" + NS + ",{\"token\":\"" + token + "\",\"device\":\"a[b?c\"}");

            bareClient.assertNoFrameStartingWith("4", QUIET);
            assertThat(client.awaitFrameStartingWith("4")).startsWith("40" + NS + ",{\"sid\"");
        }
        try (RawEngineIo client = RawEngineIo.websocket(medsync.socketPort())) {
            client.send("40" + NS + ",{\"token\":\"x?y[z\"}");

            assertThat(client.awaitFrameStartingWith("4"))
                    .isEqualTo("44" + NS + ",{\"message\":\"Authentication error: malformed token\"}");
        }
    }

    @Test
    void theOfficialClientReadsTheRefusalReason() {
        Map<String, Object> opts = Map.of("auth", Map.of("token", "bad"), "reconnection", false);
        JsSocket bareClient = js.connect(bare.namespaceUrl(), opts);
        JsSocket client = js.connect(medsync.canonicalUrl(), opts);

        assertThat(bareClient.awaitConnectError().message()).as("bare netty-socketio sends a bare string").isEmpty();
        assertThat(client.awaitConnectError().message()).isEqualTo("Authentication error: malformed token");
    }

    @Test
    void anUnknownNamespaceGetsTheStandardInvalidNamespaceError() {
        Map<String, Object> opts = Map.of("reconnection", false);
        JsSocket bareClient = js.connect("http://127.0.0.1:" + bare.port() + "/nope", opts);
        JsSocket client = js.connect(medsync.url("/nope"), opts);

        assertThat(bareClient.awaitConnectError().message()).isEmpty();
        assertThat(client.awaitConnectError().message()).isEqualTo("Invalid namespace");
        try (RawEngineIo raw = RawEngineIo.websocket(medsync.socketPort())) {
            raw.send("40/nope,");
            assertThat(raw.awaitFrameStartingWith("4")).isEqualTo("44/nope,{\"message\":\"Invalid namespace\"}");
        }
    }

    @Test
    void theMainNamespaceHearsOnlyFromClientsThatAskedForIt() {
        JsSocket bareClient = js.connect(bare.namespaceUrl(), JsClients.auth(BareNettySocketIoServer.GOOD_TOKEN));
        bareClient.awaitConnect();
        JsSocket client = js.connect(medsync.canonicalUrl(), JsClients.auth(medsync.patientToken("patient_main")));
        client.awaitConnect();

        assertThat(bare.defaultNamespaceConnects()).as("bare netty-socketio fires '/' for a /patient-pharmacy client")
                .isNotEmpty();
        // Counted by the 'connection' listeners, which run once the CONNECT answer is out, as in the reference server.
        Await.until("the /patient-pharmacy connect to be counted", () -> medsync.get("/metrics").body()
                .contains("medsync_connects_total{namespace=\"/patient-pharmacy\"}"));
        assertThat(medsync.get("/metrics").body()).doesNotContain("medsync_connects_total{namespace=\"/\"}");
        assertThat(medsync.server().namespaces().find("/").orElseThrow().socketCount()).isZero();

        JsSocket legacy = js.connect(medsync.url("/"), JsClients.auth(medsync.patientToken("patient_main")));
        legacy.awaitConnect();
        Await.until("the '/' connect to be counted",
                () -> medsync.get("/metrics").body().contains("medsync_connects_total{namespace=\"/\"} 1.0"));
        bareClient.close();
        client.close();
        legacy.close();
    }

    @Test
    void aPollingClientGetsEveryEventOfABurstLongerThanOnePayload() throws Exception {
        // netty-socketio answers a poll with at most 50 packets: 120 take three polls.
        int events = 120;
        try (RawEngineIo bareClient = RawEngineIo.pollingManual(bare.port());
                RawEngineIo client = RawEngineIo.pollingManual(medsync.socketPort())) {
            connect(bareClient, BareNettySocketIoServer.GOOD_TOKEN);
            connect(client, medsync.pharmacyToken("staff_burst", "pharmacy_burst"));
            // A WebSocket client in the same room: once it has the last event, every event is queued for the poller.
            String watcherToken = medsync.pharmacyToken("staff_ws", "pharmacy_burst");
            Map<String, Object> opts = new HashMap<>(JsClients.auth(watcherToken));
            opts.put("transports", List.of("websocket"));
            JsSocket watcher = js.connect(medsync.canonicalUrl(), opts);
            watcher.awaitConnect();

            for (int n = 0; n < events; n++) {
                bare.server().getNamespace(NS).getBroadcastOperations().sendEvent("test:broadcast", Map.of("n", n));
                assertThat(medsync.publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + n
                        + "},\"to\":[\"pharmacy:pharmacy_burst\"]}").status()).isEqualTo(202);
            }
            for (int n = 0; n < events; n++) {
                watcher.awaitEvent("test:broadcast");
            }

            List<Integer> all = IntStream.range(0, events).boxed().toList();
            assertThat(pollEvents(bareClient, events))
                    .as("bare netty-socketio drops the packet after each full payload").isEqualTo(all.stream().filter(n -> n != 50 && n != 101).toList());
            assertThat(pollEvents(client, events)).isEqualTo(all);
            watcher.close();
        }
    }

    private static void connect(RawEngineIo session, String token) {
        assertThat(session.post("40" + NS + ",{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(200);
        assertThat(session.pollOnce(Duration.ofSeconds(5)).body()).startsWith("40" + NS + ",{\"sid\"");
    }

    /** Polls until {@code expected} events came, or a poll brings nothing for a while; the events' numbers. */
    private static List<Integer> pollEvents(RawEngineIo session, int expected) throws Exception {
        String prefix = "42" + NS + ",";
        List<Integer> numbers = new ArrayList<>();
        while (numbers.size() < expected && session.pollOnce(QUIET).answered()) {
            numbers.clear();
            for (String frame : session.frames()) {
                if (frame.startsWith(prefix)) {
                    numbers.add(JSON.readTree(frame.substring(prefix.length())).path(1).path("n").asInt());
                }
            }
        }
        return numbers;
    }
}
