package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.it.conformance.ConformanceServer;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.it.support.JavaSocketIoClients;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RawEngineIo;
import com.medsync.realtime.server.MedsyncServer;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.testkit.TestTokens;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket.IO connection state recovery with the official client, unchanged: a client whose connection drops
 * gets its socket id, rooms and missed events back ({@code socket.recovered}), or a fresh connection when
 * that cannot be honoured.
 */
class ConnectionRecoveryE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();

    /** A window short enough to pass in a test. */
    @RegisterExtension
    static final LiveServer shortWindow = LiveServer.withTestEvents(Map.of("medsync.recovery.window", "1s"));

    /** A log that holds two events only. */
    @RegisterExtension
    static final LiveServer smallLog = LiveServer.withTestEvents(Map.of("medsync.recovery.max-events", 2));

    /** A client may have three packets waiting at most. */
    @RegisterExtension
    static final LiveServer smallQueue = LiveServer.withTestEvents(Map.of("medsync.limits.outbound-queue", 3));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    /** The frontend's options, without automatic reconnection so a test decides when the client comes back. */
    private static Map<String, Object> manualReconnect(String token) {
        Map<String, Object> opts = new LinkedHashMap<>(JsClients.auth(token));
        opts.put("reconnection", false);
        opts.put("transports", List.of("websocket"));
        return opts;
    }

    private static void broadcast(EmbeddedMedsync medsync, int n, String... rooms) {
        EmbeddedMedsync.Response response = medsync.publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + n
                + "},\"to\":[\"" + String.join("\",\"", rooms) + "\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    /** The network goes away under the client; returns once the server has let the socket go. */
    private static void dropAndWaitForServer(EmbeddedMedsync medsync, JsSocket client, String socketId) {
        dropAndWaitForServer(medsync, client, socketId, MedsyncServer.CANONICAL_NAMESPACE);
    }

    private static void dropAndWaitForServer(EmbeddedMedsync medsync, JsSocket client, String socketId,
            String namespace) {
        client.drop();
        assertThat(client.awaitDisconnect()).isEqualTo("transport close");
        Await.until("the server to drop socket " + socketId, () -> medsync.server().namespaces()
                .find(namespace).orElseThrow().sockets().stream()
                .noneMatch(socket -> socket.id().equals(socketId)));
    }

    /**
     * Connects {@code sub}, gives it one event (so the client holds an offset: the event's last argument),
     * and takes its network away.
     *
     * @return what the client saw on its first connect
     */
    private static JsSocket.Connected receiveOneThenDrop(LiveServer server, JsSocket client, String sub) {
        JsSocket.Connected connected = client.awaitConnect();
        broadcast(server.medsync(), 0, "user:" + sub);
        client.awaitEvent("test:broadcast");
        dropAndWaitForServer(server.medsync(), client, connected.id());
        return connected;
    }

    /** Brings the client back and checks it recovered its socket and gets the one event it missed. */
    private static void assertRecovers(JsSocket client, String socketId, int missed) {
        client.open();
        JsSocket.Connected again = client.awaitConnect();
        assertThat(again.recovered()).isTrue();
        assertThat(again.id()).isEqualTo(socketId);
        assertThat(client.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(missed);
    }

    private static JsSocket connect(LiveServer server, String sub) {
        return server.js().connect(server.medsync().canonicalUrl(), manualReconnect(server.medsync().patientToken(sub)));
    }

    private static List<Integer> received(JsSocket client) {
        return client.events().stream()
                .filter(e -> "event".equals(e.path("type").asText()) && "test:broadcast".equals(e.path("event").asText()))
                .map(e -> e.path("args").path(0).path("n").asInt()).toList();
    }

    @Test
    void aDroppedClientGetsItsIdRoomsAndMissedEventsInOrderOnce() {
        EmbeddedMedsync medsync = live.medsync();
        JsSocket client = live.js().connect(medsync.canonicalUrl(),
                manualReconnect(medsync.patientToken("patient_rec", "chat:room_rec")));
        JsSocket.Connected first = client.awaitConnect();
        assertThat(first.recovered()).isFalse();
        assertThat(first.pid()).as("the CONNECT answer carries a pid").isNotBlank();
        assertThat(client.emitWithAck("join", Map.of("room", "chat:room_rec")).path(0).path("ok").asBoolean()).isTrue();
        broadcast(medsync, 1, "user:patient_rec");
        JsonNode args = client.awaitEvent("test:broadcast");
        assertThat(args).as("payload, then the offset as last argument").hasSize(2);
        assertThat(args.get(1).isTextual()).isTrue();

        dropAndWaitForServer(medsync, client, first.id());
        broadcast(medsync, 2, "chat:room_rec");
        broadcast(medsync, 3, "user:patient_rec");
        broadcast(medsync, 4, "chat:room_elsewhere");
        broadcast(medsync, 5, "chat:room_rec", "user:patient_rec");
        client.open();

        JsSocket.Connected again = client.awaitConnect();
        assertThat(again.recovered()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.pid()).isEqualTo(first.pid());
        broadcast(medsync, 6, "chat:room_rec");
        client.awaitEvent("test:broadcast");
        client.awaitEvent("test:broadcast");
        client.awaitEvent("test:broadcast");
        client.awaitEvent("test:broadcast");
        live.js().sync();
        client.assertNoEvent("test:broadcast", QUIET);
        assertThat(received(client)).as("the chat room joined before the drop is restored")
                .containsExactly(1, 2, 3, 5, 6);
        List<String> offsets = client.events().stream().filter(e -> "event".equals(e.path("type").asText()))
                .map(e -> e.path("args").path(1).asText()).toList();
        assertThat(offsets).doesNotHaveDuplicates();
        assertThat(medsync.get("/metrics").body()).contains("medsync_recoveries_total{outcome=\"recovered\"}");
        client.close();
    }

    @Test
    void eventsPublishedWhileTheClientComesBackArriveOnceAndInOrder() throws Exception {
        EmbeddedMedsync medsync = live.medsync();
        JsSocket client = connect(live, "patient_race");
        receiveOneThenDrop(live, client, "patient_race");

        int total = 300;
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int n = 1; n <= total; n++) {
                broadcast(medsync, n, "user:patient_race");
            }
        });
        client.open();
        assertThat(client.awaitConnect().recovered()).isTrue();
        publishing.get();
        // Published after every other one was accepted, so delivered after all of them, replayed or not.
        broadcast(medsync, total + 1, "user:patient_race");
        client.await("the last event", Duration.ofSeconds(20), e -> "event".equals(e.path("type").asText())
                && e.path("args").path(0).path("n").asInt() == total + 1);

        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n <= total + 1; n++) {
            expected.add(n);
        }
        assertThat(received(client)).isEqualTo(expected);
        client.close();
    }

    /**
     * The restore asks the backend again for a chat room; while the backend keeps it waiting, new events are
     * published: they must reach the client after the CONNECT answer and the replay, once each.
     */
    @Test
    void eventsPublishedWhileTheRestoreIsBusyComeAfterTheReplay() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicBoolean holdAnswers = new AtomicBoolean();
        HttpServer backend = HttpServer.create(
                new InetSocketAddress(FreePorts.LOOPBACK, 0), 0);
        backend.createContext("/rooms", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (holdAnswers.get()) {
                asked.countDown();
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        java.util.concurrent.ExecutorService backendThreads = Executors.newCachedThreadPool();
        backend.setExecutor(backendThreads);
        backend.start();
        try (EmbeddedMedsync medsync = EmbeddedMedsync.start(Map.of(
                "medsync.rooms.authorization-callback.url",
                "http://" + FreePorts.LOOPBACK + ":" + backend.getAddress().getPort() + "/rooms",
                "medsync.rooms.authorization-callback.timeout", "20s",
                "medsync.rooms.authorization-callback.allow-cache-ttl", "0s"))) {
            TestEvents.all().forEach(medsync.server().publishedEvents()::register);
            JsSocket client = live.js().connect(medsync.canonicalUrl(), manualReconnect(medsync.patientToken("patient_busy")));
            JsSocket.Connected first = client.awaitConnect();
            assertThat(client.emitWithAck("join", Map.of("room", "chat:room_busy")).path(0).path("ok").asBoolean())
                    .isTrue();
            dropAndWaitForServer(medsync, client, first.id());
            broadcast(medsync, 1, "chat:room_busy");
            holdAnswers.set(true);
            client.open();
            assertThat(asked.await(10, TimeUnit.SECONDS)).as("the restore asks the backend").isTrue();
            broadcast(medsync, 2, "chat:room_busy");
            broadcast(medsync, 3, "user:patient_busy");
            answer.countDown();

            assertThat(client.awaitConnect().recovered()).isTrue();
            broadcast(medsync, 4, "user:patient_busy");
            client.await("event 4", JsClients.DEFAULT_TIMEOUT, e -> "event".equals(e.path("type").asText())
                    && e.path("args").path(0).path("n").asInt() == 4);
            assertThat(received(client)).containsExactly(1, 2, 3, 4);
            client.close();
        } finally {
            answer.countDown();
            backend.stop(0);
            backendThreads.shutdownNow();
        }
    }

    /**
     * A client back on a new connection before the server noticed the old one was lost (it changed networks,
     * say: no close reached the server) recovers its socket, and the server closes the old connection; the old
     * socket's removal afterwards leaves the recovered one in place.
     */
    @Test
    void aClientBackBeforeTheServerNoticedTheLossRecoversAndItsOldConnectionIsClosed() throws Exception {
        EmbeddedMedsync medsync = live.medsync();
        String ns = MedsyncServer.CANONICAL_NAMESPACE;
        String token = medsync.patientToken("patient_roaming");
        try (RawEngineIo old = RawEngineIo.websocket(medsync.socketPort());
                RawEngineIo again = RawEngineIo.websocket(medsync.socketPort())) {
            old.send("40" + ns + ",{\"token\":\"" + token + "\"}");
            JsonNode first = JSON.readTree(old.awaitFrameStartingWith("40" + ns + ",").substring(ns.length() + 3));
            broadcast(medsync, 0, "user:patient_roaming");
            JsonNode event = JSON.readTree(old.awaitFrameStartingWith("42" + ns + ",[\"test:broadcast\"")
                    .substring(ns.length() + 3));
            String offset = event.get(event.size() - 1).asText();

            again.send("40" + ns + ",{\"token\":\"" + token + "\",\"pid\":\"" + first.path("pid").asText()
                    + "\",\"offset\":\"" + offset + "\"}");
            JsonNode recovered = JSON.readTree(again.awaitFrameStartingWith("40" + ns + ",").substring(ns.length() + 3));
            assertThat(recovered.path("sid").asText()).isEqualTo(first.path("sid").asText());
            old.awaitClose(Duration.ofSeconds(5));
            ServedNamespace served = medsync.server().namespaces().find(ns).orElseThrow();
            Await.until("the old connection's socket to be removed",
                    () -> served.members(Room.user("patient_roaming")).size() == 1);

            assertThat(served.socket(first.path("sid").asText())).isPresent();
            broadcast(medsync, 1, "user:patient_roaming");
            assertThat(again.awaitFrameStartingWith("42" + ns + ",[\"test:broadcast\""))
                    .startsWith("42" + ns + ",[\"test:broadcast\",{\"n\":1}");
        }
    }

    @Test
    void aLongPollingClientRecoversToo() {
        EmbeddedMedsync medsync = live.medsync();
        Map<String, Object> opts = manualReconnect(medsync.patientToken("patient_polling"));
        opts.put("transports", List.of("polling"));
        JsSocket client = live.js().connect(medsync.canonicalUrl(), opts);
        JsSocket.Connected first = receiveOneThenDrop(live, client, "patient_polling");
        assertThat(first.transport()).isEqualTo("polling");
        broadcast(medsync, 1, "user:patient_polling");
        broadcast(medsync, 2, "user:patient_polling");
        client.open();

        assertThat(client.awaitConnect().recovered()).isTrue();
        assertThat(client.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(1);
        assertThat(client.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(2);
        client.close();
    }

    @Test
    void aClientThatReceivedNothingBeforeTheDropStillRecoversWhatItMissed() {
        EmbeddedMedsync medsync = live.medsync();
        JsSocket client = connect(live, "patient_quiet");
        String id = client.awaitConnect().id();
        // Traffic for others only: this client holds no offset, so it reconnects with its pid alone.
        broadcast(medsync, 100, "user:somebody_else");
        dropAndWaitForServer(medsync, client, id);
        broadcast(medsync, 1, "user:patient_quiet");

        assertRecovers(client, id, 1);
        client.close();
    }

    @Test
    void onALegacyNamespaceEveryAliasOfAMissedEventIsReplayedWithTheEventsOffset() {
        EmbeddedMedsync medsync = live.medsync();
        // What the legacy-aliases plugin does on "/": each event, then an alias of it.
        medsync.server().namespaces().serve("/", (event, data) -> List.of(new EventTranslator.Emission(event, data),
                new EventTranslator.Emission(event + ":alias", data)));
        try {
            JsSocket client = live.js().connect(medsync.url("/"), manualReconnect(medsync.patientToken("patient_legacy")));
            JsSocket.Connected first = client.awaitConnect();
            broadcast(medsync, 1, "user:patient_legacy");
            JsonNode event = client.awaitEvent("test:broadcast");
            JsonNode alias = client.awaitEvent("test:broadcast:alias");
            assertThat(alias.get(1)).as("the alias carries the event's offset").isEqualTo(event.get(1));
            dropAndWaitForServer(medsync, client, first.id(), "/");
            broadcast(medsync, 2, "user:patient_legacy");
            client.open();

            assertThat(client.awaitConnect().recovered()).isTrue();
            JsonNode missed = client.awaitEvent("test:broadcast");
            JsonNode missedAlias = client.awaitEvent("test:broadcast:alias");
            assertThat(missed.get(0).path("n").asInt()).isEqualTo(2);
            assertThat(missedAlias).isEqualTo(missed);
            assertThat(client.eventNames()).containsExactly("test:broadcast", "test:broadcast:alias",
                    "test:broadcast", "test:broadcast:alias");
            client.close();
        } finally {
            medsync.server().namespaces().remove("/");
        }
    }

    @Test
    void anExpiredTokenIsRefusedOnRecoveryAndAFreshOneStillRecovers() {
        EmbeddedMedsync medsync = live.medsync();
        JsSocket client = connect(live, "patient_exp");
        JsSocket.Connected first = receiveOneThenDrop(live, client, "patient_exp");
        broadcast(medsync, 2, "user:patient_exp");

        client.auth(Map.of("token", new TestTokens(EmbeddedMedsync.JWT_SECRET).expired("patient_exp")));
        client.open();
        assertThat(client.awaitConnectError().message()).isEqualTo("Authentication error: token expired");
        client.assertNoEvent("test:broadcast", QUIET);

        client.auth(Map.of("token", medsync.patientToken("patient_exp")));
        assertRecovers(client, first.id(), 2);
        client.close();
    }

    @Test
    void anotherUsersPidRecoversNothing() {
        EmbeddedMedsync medsync = live.medsync();
        JsSocket alice = connect(live, "alice_rec");
        JsSocket.Connected aliceFirst = receiveOneThenDrop(live, alice, "alice_rec");
        String offset = alice.events().stream().filter(e -> "event".equals(e.path("type").asText()))
                .reduce((a, b) -> b).orElseThrow().path("args").get(1).asText();
        broadcast(medsync, 2, "user:alice_rec");

        Map<String, Object> forged = new LinkedHashMap<>();
        forged.put("auth", Map.of("token", medsync.patientToken("mallory_rec"), "pid", aliceFirst.pid(), "offset", offset));
        JsSocket mallory = live.js().connect(medsync.canonicalUrl(), forged);
        JsSocket.Connected malloryConnected = mallory.awaitConnect();
        assertThat(malloryConnected.recovered()).isFalse();
        assertThat(malloryConnected.id()).isNotEqualTo(aliceFirst.id());
        live.js().sync();
        mallory.assertNoEvent("test:broadcast", QUIET);

        // The session is still Alice's.
        assertRecovers(alice, aliceFirst.id(), 2);
        mallory.close();
        alice.close();
    }

    @Test
    void afterTheWindowTheClientGetsAFreshConnection() throws InterruptedException {
        JsSocket client = connect(shortWindow, "patient_late");
        JsSocket.Connected first = receiveOneThenDrop(shortWindow, client, "patient_late");
        // Outlive the 1 s window (a wait, not a measurement: the outcome cannot depend on going slower).
        Thread.sleep(1_500);
        client.open();

        JsSocket.Connected again = client.awaitConnect();
        assertThat(again.recovered()).isFalse();
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.pid()).isNotEqualTo(first.pid());
        client.close();
    }

    @Test
    void whenTheLogNoLongerHoldsEveryMissedEventTheClientGetsAFreshConnection() {
        EmbeddedMedsync medsync = smallLog.medsync();
        JsSocket client = connect(smallLog, "patient_trim");
        JsSocket.Connected first = receiveOneThenDrop(smallLog, client, "patient_trim");
        for (int n = 1; n <= 3; n++) {
            broadcast(medsync, n, "user:patient_trim");
        }

        assertComesBackFresh(smallLog, client, first);
    }

    @Test
    void aReplayLargerThanTheOutboundQueueIsAFreshConnectionNotACutOff() {
        EmbeddedMedsync medsync = smallQueue.medsync();
        JsSocket client = connect(smallQueue, "patient_backlog");
        JsSocket.Connected first = receiveOneThenDrop(smallQueue, client, "patient_backlog");
        for (int n = 1; n <= 4; n++) {
            broadcast(medsync, n, "user:patient_backlog");
        }

        assertComesBackFresh(smallQueue, client, first);
    }

    /** Brings the client back and checks it got a fresh connection and none of the events it missed. */
    private static void assertComesBackFresh(LiveServer server, JsSocket client, JsSocket.Connected before) {
        client.open();
        JsSocket.Connected again = client.awaitConnect();
        assertThat(again.recovered()).isFalse();
        assertThat(again.id()).isNotEqualTo(before.id());
        server.js().sync();
        client.assertNoEvent("test:broadcast", QUIET);
        client.close();
    }

    @Test
    void aClientThatLeavesOnPurposeIsNotRecovered() {
        EmbeddedMedsync medsync = live.medsync();
        JsSocket client = connect(live, "patient_bye");
        JsSocket.Connected first = client.awaitConnect();
        broadcast(medsync, 1, "user:patient_bye");
        client.awaitEvent("test:broadcast");
        client.close();
        Await.until("the server to drop the socket", () -> medsync.server().namespaces()
                .find(MedsyncServer.CANONICAL_NAMESPACE).orElseThrow().sockets().stream()
                .noneMatch(socket -> socket.id().equals(first.id())));
        client.open();

        assertThat(client.awaitConnect().recovered()).isFalse();
        client.close();
    }

    @Test
    void theJavaClientWhichDoesNotRecoverGetsThePayloadFirstAndTheOffsetAfterIt() {
        EmbeddedMedsync medsync = live.medsync();
        try (JavaSocketIoClients.JavaClient client = JavaSocketIoClients.connect(medsync.canonicalUrl(),
                Map.of("token", medsync.patientToken("patient_java_rec")))) {
            client.awaitConnect();
            broadcast(medsync, 7, "user:patient_java_rec");
            JsonNode args = client.awaitEvent("test:broadcast");

            assertThat(args.get(0).path("n").asInt()).isEqualTo(7);
            assertThat(args).hasSize(2);
        }
    }

    @Test
    void recoveryIsOffInTheProtocolSuiteConfiguration() throws Exception {
        MedsyncServer server = ConformanceServer.start(FreePorts.find(), List.of("/"));
        try {
            JsSocket client = live.js().connect("http://127.0.0.1:" + server.socketPort(), Map.of());
            JsSocket.Connected connected = client.awaitConnect();
            assertThat(connected.pid()).as("the CONNECT answer has a sid only").isNull();
            client.close();
        } finally {
            server.close();
        }
    }
}
