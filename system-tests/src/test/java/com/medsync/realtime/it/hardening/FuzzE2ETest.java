package com.medsync.realtime.it.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RawEngineIo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.medsync.realtime.it.hardening.FuzzInputs.pick;
import static com.medsync.realtime.it.hardening.FuzzInputs.quote;
import static com.medsync.realtime.it.hardening.FuzzInputs.randomFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hardening, item 5: bad input never hurts others. A seeded generator drives a real node with well over
 * 100,000 inputs: Socket.IO/Engine.IO frames over WebSocket after a valid CONNECT and polling POST bodies,
 * Engine.IO handshakes with mutated query strings and headers, and publish API bodies. Then (and
 * periodically during the run) a well-behaved client must still connect, join and receive a published event;
 * {@code /health/ready} must be 200, the publish API must answer 202, no server thread may have died, no
 * {@code com.medsync} logger may have logged an ERROR, and the publish API must never have answered 5xx.
 *
 * <p>Each input is a function of {@link #SEED} and its index; failures print both with the input.
 *
 * <p>Each kind of input is sent once, by the first test that checks what it did ({@link Campaign}); so every test
 * holds in any order, and alone ({@code -Dtest=FuzzE2ETest#noConnectionIsLeftOpenButDeaf} sends only the
 * WebSocket frames).
 */
class FuzzE2ETest {

    static final long SEED = Long.getLong("fuzz.seed", 0xF022_E2E5L);
    static final String NS = FuzzFrames.NS;

    static final int WS_BATCHES = 2_850;             // 57,000 WebSocket frames (FuzzFrames.FRAMES_PER_BATCH each)
    /**
     * How long a fuzzed WebSocket may take to answer its last event or close. Deaf means never: nothing else
     * closes the connection within this time (the first heartbeat ping comes after 25 s). 3 s was once too short
     * for one batch of 2,850 in a full suite run on two busy cores, with netty-socketio's own encoder still
     * writing WebSocket packets (it left a connection deaf when a packet failed to encode; ours closes it).
     */
    static final long SENTINEL_WAIT_MILLIS = 10_000;
    static final int POLLING_BODIES = 500;
    static final int PACKETS_PER_BODY = 20;          // 10,000 polling packets
    static final int HANDSHAKES = 15_000;
    static final int PUBLISH_BODIES = 20_000;
    static final int WORKERS = 3;
    static final String SINK_ROOM = "chat:fuzz_sink";
    static final String PROBE_ROOM = "chat:fuzz_probe";

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final List<String> SERVER_THREAD_PREFIXES = List.of("medsync-", "nioEventLoopGroup-");

    private static final ListAppender<ILoggingEvent> medsyncLog = new ListAppender<>();
    private static final ListAppender<ILoggingEvent> libraryLog = new ListAppender<>();
    private static final Queue uncaught = new Queue();
    private static final Queue publish5xx = new Queue();
    private static final Queue publishBadErrorShape = new Queue();
    private static final Queue handshakeNoAnswer = new Queue();
    private static final Queue stuckConnections = new Queue();
    private static final Queue socketPort5xx = new Queue();
    private static final Queue handshakeHung = new Queue();
    private static final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private static final Map<Integer, AtomicLong> handshakeStatuses = new ConcurrentHashMap<>();
    private static final Map<Integer, AtomicLong> publishStatuses = new ConcurrentHashMap<>();
    private static final AtomicInteger probes = new AtomicInteger();

    private static Map<Thread, String> threadsBefore;
    private static Thread.UncaughtExceptionHandler previousHandler;
    private static HttpClient http;
    private static BatchWebSocket.Sink sink;
    private static List<String> tokens;
    private static int socketPort;
    private static int httpPort;

    /** A bounded, thread-safe list of findings. */
    static final class Queue {
        final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();

        void add(String item) {
            if (size.incrementAndGet() <= 25) {
                items.add(item);
            }
        }

        boolean isEmpty() {
            return size.get() == 0;
        }

        @Override
        public String toString() {
            return size.get() + " time(s), first ones:\n  " + String.join("\n  ", items);
        }
    }

    /**
     * One kind of fuzzed input, sent once: by the first test that checks what it did. Every later test reads the
     * same findings, so no test relies on another having run before it.
     */
    static final class Campaign {
        private final String what;
        private final int total;
        private final IntConsumer input;
        private final int checkEvery;
        private final LongSupplier inputsSent;
        /** What went wrong besides the checked findings: the well-behaved client refused, an input not even sent. */
        final Queue failures = new Queue();
        private boolean ran;
        private Exception failed;

        Campaign(String what, int total, IntConsumer input, int checkEvery, LongSupplier inputsSent) {
            this.what = what;
            this.total = total;
            this.input = input;
            this.checkEvery = checkEvery;
            this.inputsSent = inputsSent;
        }

        /** Sends the inputs unless they were sent already; fails as the first run did when it could not finish. */
        synchronized Campaign ran() throws Exception {
            if (!ran) {
                ran = true;
                long started = System.nanoTime();
                try {
                    runParallel(total, input, checkEvery, what, failures);
                } catch (Exception e) {
                    failed = e;
                }
                report(what, started, inputsSent.getAsLong());
            }
            if (failed != null) {
                throw failed;
            }
            return this;
        }
    }

    private static final Campaign WEB_SOCKET_FRAMES = new Campaign("websocket frames", WS_BATCHES,
            FuzzE2ETest::webSocketBatch, 500, () -> count("ws.frames"));
    private static final Campaign POLLING_PAYLOADS = new Campaign("polling bodies", POLLING_BODIES,
            FuzzE2ETest::pollingBody, 250, () -> count("polling.packets"));
    private static final Campaign HANDSHAKE_REQUESTS = new Campaign("handshakes", HANDSHAKES,
            FuzzE2ETest::handshake, 4_000, () -> count("handshakes"));
    private static final Campaign PUBLISH_REQUESTS = new Campaign("publish bodies", PUBLISH_BODIES,
            FuzzE2ETest::publishBody, 4_000, () -> count("publish"));

    private static void assertNothingWentWrongDuring(Campaign campaign) {
        assertThat(campaign.failures.isEmpty()).as("a well-behaved client was refused, or an input could not be sent,"
                + " during the %s: %s", campaign.what, campaign.failures).isTrue();
    }

    /** For the properties that must hold after every kind of input. */
    private static void allCampaigns() throws Exception {
        for (Campaign campaign : List.of(WEB_SOCKET_FRAMES, POLLING_PAYLOADS, HANDSHAKE_REQUESTS, PUBLISH_REQUESTS)) {
            campaign.ran();
        }
    }

    @BeforeAll
    static void prepare() throws Exception {
        socketPort = live.medsync().socketPort();
        httpPort = live.medsync().server().httpPort();
        attach("com.medsync", medsyncLog);
        attach("com.corundumstudio", libraryLog);
        attach("io.netty", libraryLog);
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(thread.getName() + ": " + error));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            issued.add(live.medsync().patientToken("fuzz_" + i));
        }
        tokens = List.copyOf(issued);

        // A socket in the room the fuzzed publish bodies address, so their payloads are really delivered.
        sink = new BatchWebSocket.Sink();
        sink.ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + socketPort
                + "/socket.io/?EIO=4&transport=websocket"), sink).get(5, TimeUnit.SECONDS);
        sink.open.get(5, TimeUnit.SECONDS);
        sink.ws.sendText("40" + NS + ",{\"token\":\"" + live.medsync().patientToken("fuzz_sink", SINK_ROOM) + "\"}", true)
                .get(5, TimeUnit.SECONDS);
        sink.ws.sendText("42" + NS + ",1[\"join\",{\"room\":\"" + SINK_ROOM + "\"}]", true).get(5, TimeUnit.SECONDS);
        awaitUntil("the sink joined " + SINK_ROOM, () -> sink.matching.stream().anyMatch(f -> f.startsWith("43" + NS + ",1[{\"ok\":true}")));

        // Every handler thread exists before the snapshot (the pool starts them lazily).
        for (int i = 0; i < 6; i++) {
            wellBehavedRawClient("warm-up " + i);
        }
        threadsBefore = serverThreads();
        assertThat(threadsBefore).as("server threads to watch").isNotEmpty();
    }

    @AfterAll
    static void restore() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        detach("com.medsync", medsyncLog);
        detach("com.corundumstudio", libraryLog);
        detach("io.netty", libraryLog);
        if (sink != null) {
            sink.close();
        }
        System.out.println("FuzzE2ETest counts: " + new java.util.TreeMap<>(counts));
        System.out.println("FuzzE2ETest handshake statuses: " + new java.util.TreeMap<>(handshakeStatuses));
        System.out.println("FuzzE2ETest publish statuses: " + new java.util.TreeMap<>(publishStatuses));
        System.out.println("FuzzE2ETest hung handshakes: " + handshakeHung);
        System.out.println("FuzzE2ETest library WARN/ERROR log events: " + libraryLog.list.size() + summary(libraryLog));
    }

    // ------------------------------------------------------------------------------------------- the fuzz

    @Test
    void socketFramesOverWebSocketAndPolling() throws Exception {
        assertNothingWentWrongDuring(WEB_SOCKET_FRAMES.ran());
        assertNothingWentWrongDuring(POLLING_PAYLOADS.ran());
        assertThat(count("ws.frames") + count("polling.packets")).isGreaterThanOrEqualTo(65_000);
    }

    @Test
    void engineIoHandshakes() throws Exception {
        assertNothingWentWrongDuring(HANDSHAKE_REQUESTS.ran());
        assertThat(count("handshakes")).isGreaterThanOrEqualTo(HANDSHAKES);
    }

    @Test
    void publishApiBodies() throws Exception {
        assertNothingWentWrongDuring(PUBLISH_REQUESTS.ran());
        assertThat(count("publish")).isGreaterThanOrEqualTo(PUBLISH_BODIES);
    }

    @Test
    void wellOverAHundredThousandInputsInAll() throws Exception {
        allCampaigns();
        assertThat(count("ws.frames") + count("polling.packets") + count("handshakes") + count("publish"))
                .as("inputs in total").isGreaterThanOrEqualTo(100_000);
    }

    // ------------------------------------------------------------------------------------- the properties

    @Test
    void anOfficialClientStillConnectsJoinsAndReceives() throws Exception {
        allCampaigns();
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(),
                JsClients.auth(live.medsync().patientToken("fuzz_after", PROBE_ROOM)));
        socket.awaitConnect();
        assertThat(socket.emitWithAck("join", Map.of("room", PROBE_ROOM)).path(0).path("ok").asBoolean()).isTrue();
        EmbeddedMedsync.Response published = live.medsync().publish(
                "{\"event\":\"test:broadcast\",\"data\":{\"after\":\"fuzz\"},\"to\":[\"" + PROBE_ROOM + "\"]}");
        assertThat(published.status()).as(published.body()).isEqualTo(202);
        assertThat(socket.awaitEventPayload("test:broadcast").path("after").asText()).isEqualTo("fuzz");
        socket.close();
        wellBehavedRawClient("after the fuzz");
    }

    @Test
    void readinessAndPublishStillAnswer() throws Exception {
        allCampaigns();
        EmbeddedMedsync.Response ready = live.medsync().get("/health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        EmbeddedMedsync.Response published = live.medsync().publish(
                "{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"chat:nobody_here\"]}");
        assertThat(published.status()).as(published.body()).isEqualTo(202);
    }

    @Test
    void theSinkSocketSurvivedEveryDelivery() throws Exception {
        PUBLISH_REQUESTS.ran();
        assertThat(sink.closed).as("the socket receiving the fuzzed publish payloads was disconnected").isNotDone();
        String marker = "sink-" + UUID.randomUUID();
        sink.watch("42" + NS + ",[\"test:broadcast\",{\"marker\":\"" + marker);
        EmbeddedMedsync.Response published = live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"marker\":\""
                + marker + "\"},\"to\":[\"" + SINK_ROOM + "\"]}");
        assertThat(published.status()).isEqualTo(202);
        awaitUntil("the sink received the event published after the fuzz",
                () -> sink.matching.stream().anyMatch(f -> f.contains(marker)));
    }

    @Test
    void noServerThreadDied() throws Exception {
        allCampaigns();
        Map<Thread, String> after = serverThreads();
        List<String> died = new ArrayList<>();
        threadsBefore.forEach((thread, name) -> {
            if (!thread.isAlive()) {
                died.add(name);
            }
        });
        assertThat(died).as("server threads that died during the fuzz").isEmpty();
        Map<String, Long> before = countByPrefix(threadsBefore.values());
        Map<String, Long> now = countByPrefix(after.values());
        before.forEach((prefix, n) -> assertThat(now.getOrDefault(prefix, 0L)).as("threads named %s*", prefix)
                .isGreaterThanOrEqualTo(n));
        // A fixed pool replaces a worker killed by an exception: a number above the pool size gives it away.
        int handlerThreads = 4;
        assertThat(after.values()).as("a replaced medsync-socket worker means one died")
                .noneMatch(name -> name.startsWith("medsync-socket-")
                        && Integer.parseInt(name.substring("medsync-socket-".length())) > handlerThreads);
        assertThat(uncaught.isEmpty()).as("uncaught exceptions: %s", uncaught).isTrue();
    }

    @Test
    void noErrorWasLoggedByTheServer() throws Exception {
        allCampaigns();
        List<ILoggingEvent> errors = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(medsyncLog.list)) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                errors.add(event);
            }
        }
        assertThat(errors).as("ERROR log events of com.medsync loggers:%s", describe(errors)).isEmpty();
    }

    @Test
    void thePublishApiNeverAnswered5xx() throws Exception {
        PUBLISH_REQUESTS.ran();
        assertThat(publish5xx.isEmpty()).as("publish API answers 5xx: %s", publish5xx).isTrue();
    }

    @Test
    void everyPublishErrorHasTheDocumentedShape() throws Exception {
        PUBLISH_REQUESTS.ran();
        assertThat(publishBadErrorShape.isEmpty()).as("publish errors not shaped {\"error\":{\"code\",\"message\"}}: %s",
                publishBadErrorShape).isTrue();
    }

    @Test
    void everyHandshakeRequestWasAnswered() throws Exception {
        HANDSHAKE_REQUESTS.ran();
        assertThat(handshakeNoAnswer.isEmpty()).as("handshake requests the server never answered: %s", handshakeNoAnswer)
                .isTrue();
    }

    @Test
    void theSocketPortNeverAnswered5xx() throws Exception {
        HANDSHAKE_REQUESTS.ran();
        assertThat(socketPort5xx.isEmpty()).as("Engine.IO requests answered 5xx: %s", socketPort5xx).isTrue();
    }

    /**
     * A connection that sent something the server does not accept is closed (protocol violation) or keeps being
     * served; it must never be left open but deaf, answering nothing and never closed. (Once 1 in about 2,850
     * batches: a close decided on a handler thread lost its close packet; see {@link ClosePacketFirstE2ETest}.)
     */
    @Test
    void noConnectionIsLeftOpenButDeaf() throws Exception {
        WEB_SOCKET_FRAMES.ran();
        assertThat(stuckConnections.isEmpty()).as("connections left open without answering their last event: %s",
                stuckConnections).isTrue();
    }

    // ------------------------------------------------------------------------------ (a) socket frames

    private static String token(SplittableRandom random) {
        return FuzzFrames.token(random, tokens);
    }

    private static void webSocketBatch(int index) {
        FuzzFrames.WebSocketBatch batch = FuzzFrames.webSocketBatch(SEED, index, tokens);
        BatchWebSocket.Outcome outcome = BatchWebSocket.run(http, socketPort, "EIO=4&transport=websocket", batch.frames(),
                batch.sentinelAnswer(), SENTINEL_WAIT_MILLIS);
        add("ws.frames", batch.fuzz().size());
        add("ws.outcome." + outcome, 1);
        if (outcome == BatchWebSocket.Outcome.OPEN_FAILED) {
            WEB_SOCKET_FRAMES.failures.add("a WebSocket could not even be opened: " + index);
        } else if (outcome == BatchWebSocket.Outcome.TIMED_OUT) {
            stuckConnections.add("websocket batch " + index + " (seed " + SEED + "): " + outcome + "; frames "
                    + quote(String.join(" | ", batch.fuzz())) + "; frames the client finished sending: "
                    + BatchWebSocket.lastSent() + "; last frames from the server: " + BatchWebSocket.lastReceived()
                    + "; " + BatchWebSocket.lastTimeout() + "; the server's connection threads then: "
                    + connectionThreads());
        }
    }

    /** Where the server's connection handler threads are (same JVM): a stuck one shows what it waits for. */
    private static String connectionThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean waitingForWork = Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("getTask"));
            if (thread.getName().startsWith("medsync-socket-") && !waitingForWork) {
                dump.append("\n  ").append(thread.getName()).append(' ').append(thread.getState());
                Arrays.stream(stack).limit(25).forEach(frame -> dump.append("\n    at ").append(frame));
            }
        });
        return dump.length() == 0 ? "all idle" : dump.toString();
    }

    private static void pollingBody(int index) {
        SplittableRandom random = randomFor(SEED, 1_000_000 + index);
        boolean eio3 = random.nextInt(20) == 0;
        RawHttp.Answer open = RawHttp.exchange(socketPort, RawHttp.request("GET", "/socket.io/?EIO=" + (eio3 ? 3 : 4)
                + "&transport=polling", "", null), 5_000);
        Matcher sid = SID.matcher(open.body());
        if (eio3 && open.status() == 400) {
            add("polling.eio3.refused", 1); // Engine.IO 3 is not served: the right answer
            add("polling.packets", PACKETS_PER_BODY);
            return;
        }
        if (open.status() != 200 || !sid.find()) {
            POLLING_PAYLOADS.failures.add("polling handshake " + index + " answered " + open.status() + " " + open.failure());
            return;
        }
        List<String> packets = new ArrayList<>();
        if (random.nextInt(8) != 0) {
            packets.add("40" + NS + ",{\"token\":\"" + token(random) + "\"}");
        }
        packets.addAll(FuzzFrames.batch(random, PACKETS_PER_BODY));
        packets.add("1");
        byte[] body = String.join("\u001e", packets).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0) { // invalid UTF-8 somewhere
            body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        RawHttp.Answer answer = RawHttp.exchange(socketPort, RawHttp.request("POST", "/socket.io/?EIO=" + (eio3 ? 3 : 4)
                + "&transport=polling&sid=" + sid.group(1), "Content-Type: text/plain;charset=UTF-8\r\n", body), 5_000);
        add("polling.packets", PACKETS_PER_BODY);
        add("polling.status." + answer.status(), 1);
        if (!answer.answered()) {
            POLLING_PAYLOADS.failures.add("polling POST " + index + " (seed " + SEED + ") got no answer (" + answer.failure()
                    + "): " + quote(new String(body, StandardCharsets.UTF_8)));
        }
    }

    // ---------------------------------------------------------------------------------- (b) handshakes

    private static final List<String> EIO = List.of("4", "4", "4", "3", "2", "5", "", "04", "4.0", "-1", "4 ", "%34", "four",
            "99999999999999999999");
    private static final List<String> TRANSPORTS = List.of("polling", "polling", "polling", "websocket", "POLLING", "",
            "flashsocket", "xhr-polling", "polling%00", "web%20socket", "jsonp");
    private static final List<String> ORIGINS = List.of("http://localhost:3000", "null", "https://evil.example",
            "http://127.0.0.1", "", " ", "http://[::1", "ht!tp://x", "http://localhost:99999999999", "http://\u00e9.example",
            "file://", "http://a.b/c?d#e");

    private static String handshakeQuery(SplittableRandom random) {
        List<String> params = new ArrayList<>();
        if (random.nextInt(10) != 0) {
            params.add("EIO=" + pick(random, EIO));
        }
        if (random.nextInt(10) != 0) {
            params.add("transport=" + pick(random, TRANSPORTS));
        }
        switch (random.nextInt(8)) {
            case 0 -> params.add("sid=" + UUID.randomUUID());
            case 1 -> params.add("sid=" + FuzzInputs.randomString(random, 30));
            case 2 -> params.add("sid=");
            default -> { }
        }
        if (random.nextBoolean()) {
            params.add("t=" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        switch (random.nextInt(6)) {
            case 0 -> params.add("token=" + token(random));
            case 1 -> params.add("token=" + FuzzInputs.mutate(random, token(random), tokens, 50));
            case 2 -> params.add("token=" + oddToken(random));
            default -> { }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            params.add(FuzzInputs.randomString(random, 8) + "=" + FuzzInputs.randomString(random, 16));
        }
        if (random.nextInt(10) == 0) {
            params.add(pick(random, List.of("EIO=4", "transport=websocket", "b64=1", "j=0")));
        }
        Collections.shuffle(params, new java.util.Random(random.nextLong()));
        String query = String.join("&", params);
        if (random.nextInt(3) == 0) {
            query = FuzzInputs.mutate(random, query, List.of(query), random.nextInt(20) == 0 ? 5_000 : 100);
        }
        return encodeForRequestLine(query);
    }

    /** Validly signed tokens with claims a real backend would not issue. */
    private static String oddToken(SplittableRandom random) {
        Map<String, Object> claims = new LinkedHashMap<>();
        switch (random.nextInt(8)) {
            case 0 -> claims.put("sub", "bad sub with spaces");
            case 1 -> claims.put("sub", "x".repeat(200));
            case 2 -> claims.put("sub", 42);
            case 3 -> claims.put("rooms", List.of(Map.of("a", List.of(1, 2)), "chat:x"));
            case 4 -> claims.put("rooms", "chat:x");
            case 5 -> claims.put("pharmacyId", List.of("p"));
            case 6 -> claims.put("role", Map.of("r", "admin"));
            default -> claims.put("nested", deepList(random.nextInt(300)));
        }
        claims.putIfAbsent("sub", "fuzz_odd");
        claims.putIfAbsent("role", pick(random, List.of("patient", "admin", "PATIENT", "")));
        try {
            return new com.medsync.realtime.auth.TokenIssuer(EmbeddedMedsync.JWT_SECRET).issue(claims, Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            return "unsignable." + e.getClass().getSimpleName() + ".x";
        }
    }

    private static Object deepList(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    /** Keeps the request line one line: what a client cannot put raw there, it percent-encodes. */
    private static String encodeForRequestLine(String query) {
        StringBuilder out = new StringBuilder();
        for (byte b : query.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static String handshakeHeaders(SplittableRandom random) {
        StringBuilder headers = new StringBuilder();
        if (random.nextInt(8) == 0) {
            headers.append("Origin: ").append(headerValue(pick(random, ORIGINS))).append("\r\n");
        }
        switch (random.nextInt(8)) {
            case 0 -> headers.append("Authorization: Bearer ").append(token(random)).append("\r\n");
            case 1 -> headers.append("Authorization: ").append(headerValue(FuzzInputs.mutate(random, "Bearer " + token(random),
                    tokens, 40))).append("\r\n");
            case 2 -> headers.append("Authorization: Bearer ").append(oddToken(random)).append("\r\n");
            default -> { }
        }
        if (random.nextInt(10) == 0) {
            headers.append("Cookie: io=").append(headerValue(FuzzInputs.randomString(random, 40))).append("\r\n");
        }
        if (random.nextInt(8) == 0) {
            headers.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
            if (random.nextBoolean()) {
                headers.append("Sec-WebSocket-Version: ").append(pick(random, List.of("13", "8", "", "x"))).append("\r\n");
                headers.append("Sec-WebSocket-Key: ").append(random.nextBoolean() ? "dGhlIHNhbXBsZSBub25jZQ=="
                        : headerValue(FuzzInputs.randomString(random, 30))).append("\r\n");
            }
        }
        if (random.nextInt(12) == 0) {
            headers.append(headerName(FuzzInputs.randomString(random, 12))).append(": ")
                    .append(headerValue(FuzzInputs.randomString(random, random.nextInt(30) == 0 ? 9_000 : 60))).append("\r\n");
        }
        if (random.nextInt(20) == 0) {
            headers.append("X-Forwarded-For: ").append(headerValue(FuzzInputs.randomString(random, 30))).append("\r\n");
        }
        return headers.toString();
    }

    private static String headerValue(String value) {
        return value.replaceAll("[\\r\\n\\u0000]", " ");
    }

    private static String headerName(String name) {
        String token = name.replaceAll("[^A-Za-z0-9-]", "");
        return token.isEmpty() ? "X-Fuzz" : "X-" + token;
    }

    private static void handshake(int index) {
        SplittableRandom random = randomFor(SEED, 2_000_000 + index);
        String method = random.nextInt(12) == 0 ? pick(random, List.of("POST", "PUT", "OPTIONS", "DELETE", "HEAD", "PATCH"))
                : "GET";
        String path = random.nextInt(15) == 0 ? pick(random, List.of("/socket.io", "/socket.io/x", "/", "/socket.io//",
                "/SOCKET.IO/", "/socket.io/%2e%2e/")) : "/socket.io/";
        String query = handshakeQuery(random);
        String headers = handshakeHeaders(random);
        byte[] body = "POST".equals(method) || "PUT".equals(method) ? FuzzInputs.wellFormed(
                FuzzInputs.randomString(random, 64)).getBytes(StandardCharsets.UTF_8) : null;
        String target = path + "?" + query;
        long sentAt = System.nanoTime();
        RawHttp.Answer answer = RawHttp.exchange(socketPort, RawHttp.request(method, target, headers, body), 500);
        add("handshake.millis.status" + answer.status(), (System.nanoTime() - sentAt) / 1_000_000);
        add("handshakes", 1);
        handshakeStatuses.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
        if (answer.status() >= 500) {
            socketPort5xx.add(answer.status() + " " + quote(answer.body()) + " for " + method + " " + target + " ["
                    + headers.replace("\r\n", "; ") + "] (seed " + SEED + ", handshake " + index + ")");
        }
        if (!answer.answered()) {
            add(answer.failure() != null && answer.failure().startsWith("no answer") ? "handshakes.hung" : "handshakes.closedUnanswered", 1);
            if (answer.failure() != null && answer.failure().startsWith("no answer")) {
                handshakeHung.add(method + " " + target + " [" + headers.replace("\r\n", "; ") + "] (seed " + SEED
                        + ", handshake " + index + ")");
            }
            handshakeNoAnswer.add(method + " " + target + " [" + headers.replace("\r\n", "; ") + "] (seed " + SEED
                    + ", handshake " + index + "): " + answer.failure());
        }
        Matcher sid = SID.matcher(answer.body());
        if (answer.status() == 200 && sid.find() && answer.body().startsWith("0")) {
            // A session was opened: sometimes CONNECT without auth (the token comes from the handshake's query
            // or Authorization header, whatever the fuzz put there), then close it so sessions do not pile up.
            String packets = random.nextInt(4) == 0 ? "40" + NS + ",\u001e1" : "1";
            String postTarget = "/socket.io/?EIO=4&transport=polling&sid=" + sid.group(1);
            RawHttp.exchange(socketPort, RawHttp.request("POST", postTarget, "Content-Type: text/plain;charset=UTF-8\r\n",
                    packets.getBytes(StandardCharsets.UTF_8)), 3_000);
            add("handshakes.opened", 1);
        }
    }

    // ----------------------------------------------------------------------------------- (c) publish API

    private static final List<String> PUBLISH_CORPUS = List.of(
            "{\"event\":\"test:broadcast\",\"data\":{\"n\":1},\"to\":[\"" + SINK_ROOM + "\"]}",
            "{\"event\":\"test:broadcast\",\"data\":{\"n\":1,\"s\":\"\\u00e9\\ud83d\\ude00\",\"l\":[1,2.5,-3e10,null,true]},\"to\":[\""
                    + SINK_ROOM + "\",\"user:nobody\"],\"id\":\"evt-1\"}",
            "{\"event\":\"test:pharmacy\",\"data\":{\"pharmacyId\":\"p1\"}}",
            "{\"event\":\"test:pharmacy\",\"data\":{\"pharmacyId\":7}}",
            "[{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"" + SINK_ROOM + "\"]},{\"event\":\"test:pharmacy\",\"data\":{\"pharmacyId\":\"p2\"}}]",
            "{\"event\":\"order:new\",\"data\":{\"id\":\"o1\"}}",
            "{\"event\":\"test:broadcast\",\"data\":{},\"to\":\"chat:x\"}",
            "{\"event\":\"test:broadcast\",\"data\":{},\"to\":[1,null,{}]}",
            "{\"event\":1,\"data\":{}}",
            "{\"event\":\"test:broadcast\",\"data\":null,\"to\":[\"chat:x\"]}",
            "{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"chat:x\"],\"id\":5}",
            "{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"chat:x\"],\"too\":[]}",
            "{\"event\":\"test:broadcast\",\"event\":\"test:pharmacy\",\"data\":{}}",
            "[]",
            "null",
            "\"text\"",
            "{}");

    private static String publishBody(SplittableRandom random, int index) {
        int roll = random.nextInt(100);
        String base = pick(random, PUBLISH_CORPUS);
        if (roll < 35) {
            return FuzzInputs.mutate(random, base, PUBLISH_CORPUS, 3_000);
        }
        if (roll < 45) { // batches: 0 to 101 events, some mutated
            int n = random.nextInt(8) == 0 ? 95 + random.nextInt(8) : 1 + random.nextInt(10);
            List<String> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String event = pick(random, PUBLISH_CORPUS.subList(0, 5));
                events.add(random.nextInt(20) == 0 ? FuzzInputs.mutate(random, event, PUBLISH_CORPUS, 50) : event);
            }
            return "[" + String.join(",", events) + "]";
        }
        if (roll < 50) { // deep nesting in data, around the parser's limit and beyond
            List<Integer> depths = List.of(10, 500, 990, 996, 997, 998, 999, 1000, 1001, 1500, 100_000);
            int depth = depths.get(random.nextInt(depths.size()));
            boolean arrays = random.nextBoolean();
            String open = arrays ? "[" : "{\"a\":";
            String close = arrays ? "]" : "}";
            return "{\"event\":\"test:broadcast\",\"data\":{\"deep\":" + open.repeat(depth) + "1" + close.repeat(depth)
                    + "},\"to\":[\"" + SINK_ROOM + "\"]}";
        }
        if (roll < 53) { // large: near and over the 1 MiB body limit
            int size = random.nextBoolean() ? 900_000 : 1_100_000;
            return "{\"event\":\"test:broadcast\",\"data\":{\"big\":\"" + "x".repeat(size) + "\"},\"to\":[\"" + SINK_ROOM + "\"]}";
        }
        if (roll < 58) { // numbers and strings JSON allows but Java types do not hold
            String value = pick(random, List.of("1e999", "-1e999", "1e-999", "123456789012345678901234567890",
                    "-0", "0.1000000000000000055511151231257827", "\"\\ud800\"", "\"\\u0000\"", "9".repeat(1_001),
                    "1" + "0".repeat(999)));
            return "{\"event\":\"test:broadcast\",\"data\":{\"v\":" + value + "},\"to\":[\"" + SINK_ROOM + "\"],\"id\":\"num-"
                    + index + "\"}";
        }
        if (roll < 62) { // odd ids and rooms
            String id = pick(random, List.of("", "x".repeat(200), "x".repeat(201), "evt-1", "\u0000", "id-" + index));
            String room = pick(random, List.of("chat:" + "a".repeat(128), "chat:" + "a".repeat(129), "chat:", ":x", "CHAT:x",
                    "chat:x:y", "chat:\u00e9", SINK_ROOM));
            return "{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"" + room + "\"],\"id\":\"" + id + "\"}";
        }
        if (roll < 65) {
            return FuzzInputs.randomString(random, 200);
        }
        return base;
    }

    private static void publishBody(int index) {
        SplittableRandom random = randomFor(SEED, 3_000_000 + index);
        String body = publishBody(random, index);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(40) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/events"))
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        int auth = random.nextInt(20);
        String authorization = switch (auth) {
            case 0 -> null;
            case 1 -> "Bearer wrong-key";
            case 2 -> "Basic " + EmbeddedMedsync.API_KEY;
            case 3 -> "Bearer";
            case 4 -> "bearer   " + EmbeddedMedsync.API_KEY + "  ";
            case 5 -> "Bearer " + EmbeddedMedsync.API_KEY + "x";
            default -> "Bearer " + EmbeddedMedsync.API_KEY;
        };
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        String contentType = random.nextInt(10) == 0 ? pick(random, List.of("text/plain", "application/xml", "x/y; charset=ebcdic"))
                : "application/json";
        request.header("Content-Type", contentType);
        int status;
        String answer;
        try {
            HttpResponse<String> response = sendRetryingStale(request.build());
            status = response.statusCode();
            answer = response.body();
        } catch (Exception e) {
            status = -1;
            answer = e.toString();
        }
        add("publish", 1);
        publishStatuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        String input = "(seed " + SEED + ", publish " + index + ", Authorization " + authorization + ") body "
                + quote(new String(bytes, StandardCharsets.UTF_8));
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            publish5xx.add(status + " " + quote(answer) + " for " + input);
        } else if (status >= 400 && !errorShaped(answer)) {
            publishBadErrorShape.add(status + " " + quote(answer) + " for " + input);
        }
    }

    private static HttpResponse<String> sendRetryingStale(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static boolean errorShaped(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.path("code").isTextual() && error.path("message").isTextual();
        } catch (Exception e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------ well-behaved client

    /** A clean CONNECT, a join answered {ok:true}, and a published event received: fails if any is missing. */
    static void wellBehavedRawClient(String when) {
        int n = probes.incrementAndGet();
        String sub = "probe_" + n;
        try (RawEngineIo client = RawEngineIo.websocket(socketPort)) {
            client.send("40" + NS + ",{\"token\":\"" + live.medsync().patientToken(sub, PROBE_ROOM) + "\"}");
            assertThat(client.awaitFrameStartingWith("4")).as("CONNECT answer " + when).startsWith("40" + NS + ",{\"sid\"");
            client.send("42" + NS + ",1[\"join\",{\"room\":\"" + PROBE_ROOM + "\"}]");
            assertThat(client.awaitFrameStartingWith("43" + NS + ",1")).as("join answer " + when)
                    .isEqualTo("43" + NS + ",1[{\"ok\":true}]");
            EmbeddedMedsync.Response published = live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"probe\":"
                    + n + "},\"to\":[\"user:" + sub + "\"]}");
            assertThat(published.status()).as("publish " + when + ": " + published.body()).isEqualTo(202);
            // The payload, then the offset of connection state recovery as last argument.
            assertThat(client.awaitFrameStartingWith("42" + NS + ",[\"test:broadcast\",{\"probe\":" + n + "}"))
                    .as("event " + when).matches(".*\\},\"[^\"]+\"\\]");
            EmbeddedMedsync.Response ready = live.medsync().get("/health/ready");
            assertThat(ready.status()).as("/health/ready " + when + ": " + ready.body()).isEqualTo(200);
        }
    }

    // -------------------------------------------------------------------------------------------- plumbing

    /** Sends inputs {@code 0..total-1} on {@link #WORKERS} threads, with a well-behaved client now and then. */
    private static void runParallel(int total, IntConsumer input, int checkEvery, String what, Queue failures)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "fuzz-worker");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < total) {
                        input.accept(index);
                        if (index > 0 && index % checkEvery == 0) {
                            try {
                                wellBehavedRawClient("during the " + what + " fuzz, after input " + index);
                            } catch (AssertionError | RuntimeException e) {
                                failures.add(e.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(180, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static void add(String counter, long n) {
        counts.computeIfAbsent(counter, c -> new AtomicLong()).addAndGet(n);
    }

    private static long count(String counter) {
        AtomicLong value = counts.get(counter);
        return value == null ? 0 : value.get();
    }

    private static void report(String what, long startedNanos, long inputs) {
        System.out.printf("FuzzE2ETest: %s: %d inputs in %d ms (seed %d)%n", what, inputs,
                (System.nanoTime() - startedNanos) / 1_000_000, SEED);
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Map<Thread, String> serverThreads() {
        Map<Thread, String> threads = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (SERVER_THREAD_PREFIXES.stream().anyMatch(thread.getName()::startsWith)) {
                threads.put(thread, thread.getName());
            }
        }
        return threads;
    }

    private static Map<String, Long> countByPrefix(java.util.Collection<String> names) {
        Map<String, Long> counts = new HashMap<>();
        for (String name : names) {
            String prefix = name.replaceAll("\\d+$", "");
            counts.merge(prefix, 1L, Long::sum);
        }
        return counts;
    }

    private static void attach(String loggerName, ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        if (!appender.isStarted()) {
            appender.setContext(logger.getLoggerContext());
            appender.start();
        }
        logger.addAppender(appender);
    }

    private static void detach(String loggerName, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(loggerName)).detachAppender(appender);
    }

    private static String describe(List<ILoggingEvent> events) {
        StringBuilder out = new StringBuilder();
        events.stream().limit(10).forEach(event -> {
            out.append("\n  ").append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" [")
                    .append(event.getThreadName()).append("] ").append(event.getFormattedMessage());
            IThrowableProxy error = event.getThrowableProxy();
            for (int depth = 0; error != null && depth < 3; depth++, error = error.getCause()) {
                out.append("\n    ").append(depth == 0 ? "" : "caused by ").append(error.getClassName()).append(": ")
                        .append(error.getMessage());
                var frames = error.getStackTraceElementProxyArray();
                for (int i = 0; i < Math.min(6, frames.length); i++) {
                    out.append("\n      at ").append(frames[i].getStackTraceElement());
                }
            }
        });
        return out.toString();
    }

    private static String summary(ListAppender<ILoggingEvent> appender) {
        Map<String, Integer> byMessage = new LinkedHashMap<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            String key = event.getLevel() + " " + event.getLoggerName() + ": " + event.getMessage()
                    + (event.getThrowableProxy() == null ? "" : " / " + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage());
            byMessage.merge(key.length() > 300 ? key.substring(0, 300) : key, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        byMessage.forEach((message, n) -> out.append("\n  ").append(n).append("x ").append(message));
        return out.toString();
    }
}
