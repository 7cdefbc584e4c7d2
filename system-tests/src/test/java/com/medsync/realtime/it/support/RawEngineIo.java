package com.medsync.realtime.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A raw Engine.IO v4 client on the JDK's HTTP client, to put exact frames on the wire and see exact
 * frames come back, which the official clients would never send or would hide.
 *
 * <pre>{@code
 * try (RawEngineIo eio = RawEngineIo.polling(port)) {           // or RawEngineIo.websocket(port)
 *     eio.send("40/patient-pharmacy,{\"token\":\"good\"}");
 *     String reply = eio.awaitFrameStartingWith("4");           // "40/patient-pharmacy,{\"sid\":...}" or "44..."
 *     eio.upgradeToWebSocket();                                 // 2probe / 3probe / 5
 *     eio.send("42/patient-pharmacy,1[\"join\",{\"room\":\"x\"}]");
 *     eio.awaitFrameStartingWith("43/patient-pharmacy,1");
 * }
 * }</pre>
 *
 * Received packets are recorded as text, one per Engine.IO packet, the open packet first (a polling
 * payload is split on {@code \u001e}); binary WebSocket frames are recorded as {@code b<base64>}, the
 * polling encoding.
 * Server pings ({@code 2}) are recorded and, unless {@link #autoPong(boolean)} turned it off, answered
 * with {@code 3}.
 */
public final class RawEngineIo implements AutoCloseable {

    public static final String PATH = "/socket.io/";
    public static final char RECORD_SEPARATOR = '\u001e';
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    // A long-poll is held by the server for up to a ping interval (25 s by default) before it answers.
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);

    public enum Transport { POLLING, WEBSOCKET }

    /** The server's open packet: {@code 0{"sid":...,"upgrades":[...],"pingInterval":...,...}}. */
    public record Open(String sid, List<String> upgrades, long pingInterval, long pingTimeout, long maxPayload, JsonNode json) {

        static Open parse(String packet) {
            if (!packet.startsWith("0")) {
                throw new AssertionError("expected an Engine.IO open packet (0{...}) but got: " + packet);
            }
            try {
                JsonNode json = JSON.readTree(packet.substring(1));
                List<String> upgrades = new ArrayList<>();
                json.path("upgrades").forEach(u -> upgrades.add(u.asText()));
                return new Open(json.path("sid").asText(null), List.copyOf(upgrades), json.path("pingInterval").asLong(),
                        json.path("pingTimeout").asLong(), json.path("maxPayload").asLong(), json);
            } catch (JsonProcessingException e) {
                throw new AssertionError("the open packet is not JSON: " + packet, e);
            }
        }
    }

    private final int port;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final EventLog<String> frames;
    private final Object sendLock = new Object();
    private volatile boolean autoPong = true;
    private volatile Transport transport;
    private volatile Open open;
    private volatile WebSocket webSocket;
    private volatile WebSocket probeSocket;
    private volatile Thread poller;
    private volatile Future<HttpResponse<String>> pendingPoll;
    private volatile boolean probing;
    private volatile boolean stopPolling;
    private volatile boolean closed;
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();

    private RawEngineIo(int port, Map<String, String> headers) {
        this.port = port;
        this.headers = Map.copyOf(headers);
        this.http = newHttpClient();
        this.frames = new EventLog<>("raw engine.io 127.0.0.1:" + port, frame -> "'" + frame + "'");
    }

    /** Handshakes over HTTP long-polling and starts polling. */
    public static RawEngineIo polling(int port) {
        return polling(port, "");
    }

    /** @param extraQuery appended to the handshake query, e.g. {@code "token=abc"} */
    public static RawEngineIo polling(int port, String extraQuery) {
        return polling(port, extraQuery, Map.of());
    }

    /** @param headers sent with every request of the session (e.g. {@code Authorization}, {@code Origin}) */
    public static RawEngineIo polling(int port, String extraQuery, Map<String, String> headers) {
        RawEngineIo eio = handshakePolling(port, extraQuery, headers);
        eio.startPolling();
        return eio;
    }

    /**
     * A polling session whose GETs the test issues itself with {@link #pollOnce(Duration)}, for
     * exact control over which poll is pending when (upgrade races, long-poll timing).
     */
    public static RawEngineIo pollingManual(int port) {
        return handshakePolling(port, "", Map.of());
    }

    private static RawEngineIo handshakePolling(int port, String extraQuery, Map<String, String> headers) {
        RawEngineIo eio = new RawEngineIo(port, headers);
        HttpResponse<String> handshake = eio.sendHttp(eio.request("GET", query(null, extraQuery), null, Map.of()));
        if (handshake.statusCode() != 200) {
            throw new AssertionError("polling handshake answered HTTP " + handshake.statusCode() + ": " + handshake.body());
        }
        eio.transport = Transport.POLLING;
        for (String packet : splitPayload(handshake.body())) {
            eio.received(packet);
        }
        // Recorded like any frame (so frames() reads the same for both transports), then consumed.
        eio.open = Open.parse(eio.frames.await("the open packet", DEFAULT_TIMEOUT, f -> f.startsWith("0")));
        return eio;
    }

    /**
     * One long-poll GET of a {@link #pollingManual} session; what it brings is recorded like any frame.
     * A poll the server holds longer than {@code timeout} comes back as an unanswered outcome.
     */
    public HttpOutcome pollOnce(Duration timeout) {
        if (poller != null) {
            throw new IllegalStateException("this session polls by itself; use RawEngineIo.pollingManual");
        }
        HttpRequest request = HttpRequest.newBuilder(request("GET", query(sid(), ""), null, Map.of()), (name, value) -> true)
                .timeout(timeout).build();
        try {
            HttpResponse<String> response = sendRetryingStale(request);
            if (response.statusCode() == 200) {
                splitPayload(response.body()).forEach(this::received);
            }
            return new HttpOutcome(response.statusCode(), response.body(), response.headers(), null);
        } catch (HttpTimeoutException e) {
            return new HttpOutcome(-1, "", HttpHeaders.of(Map.of(), (a, b) -> true), "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new HttpOutcome(-1, "", HttpHeaders.of(Map.of(), (a, b) -> true), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during a poll", e);
        }
    }

    /** Opens a WebSocket straight away (no polling) and waits for the open packet. */
    public static RawEngineIo websocket(int port) {
        return websocket(port, "");
    }

    public static RawEngineIo websocket(int port, String extraQuery) {
        return websocket(port, extraQuery, Map.of());
    }

    /** @param headers sent with the WebSocket handshake (e.g. {@code Authorization}, {@code Origin}) */
    public static RawEngineIo websocket(int port, String extraQuery, Map<String, String> headers) {
        RawEngineIo eio = new RawEngineIo(port, headers);
        eio.webSocket = eio.openWebSocket(query(null, extraQuery).replace("transport=polling", "transport=websocket"));
        eio.transport = Transport.WEBSOCKET;
        eio.open = Open.parse(eio.frames.await("the open packet", DEFAULT_TIMEOUT, f -> f.startsWith("0")));
        return eio;
    }

    public Open open() {
        return open;
    }

    public String sid() {
        return open.sid();
    }

    public Transport transport() {
        return transport;
    }

    /** Whether server pings are answered automatically (default true); off to test ping timeouts. */
    public RawEngineIo autoPong(boolean enabled) {
        this.autoPong = enabled;
        return this;
    }

    /**
     * Sends Engine.IO packets, e.g. {@code "40/patient-pharmacy,{\"token\":\"x\"}"} or {@code "3"}:
     * over polling as one POST (several packets joined with {@code \u001e}), over WebSocket one frame each.
     */
    public void send(String... packets) {
        if (transport == Transport.WEBSOCKET) {
            for (String packet : packets) {
                sendWebSocketText(webSocket, packet);
            }
        } else {
            HttpResponse<String> response = post(String.join(String.valueOf(RECORD_SEPARATOR), packets));
            if (response.statusCode() != 200) {
                throw new AssertionError("POST of " + List.of(packets) + " answered HTTP " + response.statusCode() + ": "
                        + response.body());
            }
        }
    }

    /**
     * Sends one packet over the WebSocket that the server may close before it has read all of it (a frame over
     * the maximum payload is refused from its header): a send that fails because the connection was closed
     * meanwhile is not a failure here; {@link #awaitClose} tells how the session ended.
     */
    public void sendExpectingClose(String packet) {
        if (transport != Transport.WEBSOCKET) {
            throw new IllegalStateException("sendExpectingClose is for WebSocket sessions");
        }
        synchronized (sendLock) {
            try {
                webSocket.sendText(packet, true).get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof java.io.IOException)) {
                    throw new AssertionError("sending over the WebSocket failed: " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new AssertionError("sending over the WebSocket timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while sending", e);
            }
        }
    }

    /** Posts a raw polling body to this session and returns the answer, whatever its status. */
    public HttpResponse<String> post(String body) {
        return sendHttp(request("POST", query(sid(), ""), body, Map.of()));
    }

    public String awaitFrame(String exact) {
        return frames.await("frame '" + exact + "'", DEFAULT_TIMEOUT, exact::equals);
    }

    public String awaitFrameStartingWith(String prefix) {
        return awaitFrameStartingWith(prefix, DEFAULT_TIMEOUT);
    }

    public String awaitFrameStartingWith(String prefix, Duration timeout) {
        return frames.await("a frame starting with '" + prefix + "'", timeout, f -> f.startsWith(prefix));
    }

    public String awaitFrame(String description, Duration timeout, Predicate<String> match) {
        return frames.await(description, timeout, match);
    }

    /** Fails if a frame starting with {@code prefix} is unconsumed or arrives within the window. */
    public void assertNoFrameStartingWith(String prefix, Duration window) {
        frames.assertNone("frame starting with '" + prefix + "'", window, f -> f.startsWith(prefix));
    }

    /** Every packet received so far, pings included, in arrival order. */
    public List<String> frames() {
        return frames.snapshot();
    }

    /**
     * Upgrades a polling session the way engine.io-client does: a WebSocket with the same sid,
     * {@code 2probe} answered by {@code 3probe}, the pending poll released (by the server's noop)
     * and polling stopped, then {@code 5} (upgrade) over the WebSocket.
     */
    public void upgradeToWebSocket() {
        probeWebSocket();
        completeUpgrade();
    }

    /**
     * First half of an upgrade: opens the WebSocket for this sid, sends {@code 2probe} over it and
     * awaits {@code 3probe}. Polling goes on until {@link #completeUpgrade()}.
     */
    public void probeWebSocket() {
        if (transport != Transport.POLLING || probeSocket != null) {
            throw new IllegalStateException("only a polling session can be probed, once; this one is " + transport);
        }
        WebSocket ws = openWebSocket(query(sid(), "").replace("transport=polling", "transport=websocket"));
        probeSocket = ws;
        probing = true;
        sendWebSocketText(ws, "2probe");
        frames.await("'3probe' over the new WebSocket", DEFAULT_TIMEOUT, "3probe"::equals);
    }

    /** Second half of an upgrade: stops polling once the pending poll is released, then sends {@code 5}. */
    public void completeUpgrade() {
        if (probeSocket == null) {
            throw new IllegalStateException("probeWebSocket() first");
        }
        stopPolling = true;
        Thread polling = poller;
        if (polling != null) {
            try {
                polling.join(DEFAULT_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for polling to stop", e);
            }
            if (polling.isAlive()) {
                Future<HttpResponse<String>> poll = pendingPoll;
                if (poll != null) {
                    poll.cancel(true);
                }
                throw new AssertionError("the pending poll was not released during the upgrade (no noop packet): "
                        + frames.snapshot());
            }
        }
        webSocket = probeSocket;
        transport = Transport.WEBSOCKET;
        sendWebSocketText(webSocket, "5");
    }

    /** Sends the Engine.IO close packet {@code 1}. */
    public void sendClose() {
        send("1");
    }

    /** Waits until the server ends the session; returns how (WebSocket close code, HTTP status, close packet). */
    public String awaitClose(Duration timeout) {
        try {
            return closeReason.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the session within " + timeout.toMillis() + " ms; frames: "
                    + frames.snapshot());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while awaiting close", e);
        } catch (ExecutionException e) {
            throw new AssertionError("close future failed", e.getCause());
        }
    }

    public boolean isClosed() {
        return closeReason.isDone();
    }

    // ---------------------------------------------------------------- raw HTTP, no session

    /**
     * How a raw HTTP request ended: a response ({@code status} >= 100), or none at all ({@code status}
     * -1 and {@code failure} saying why: the server closed the connection, or did not answer in time).
     */
    public record HttpOutcome(int status, String body, HttpHeaders headers, String failure) {

        public boolean answered() {
            return status >= 0;
        }

        @Override
        public String toString() {
            return answered() ? "HTTP " + status + " " + body : "no response: " + failure;
        }
    }

    /** {@code GET /socket.io/?{rawQuery}} exactly as given (bad EIO, unknown transport, missing sid...). */
    public static HttpOutcome get(int port, String rawQuery) {
        return http(port, "GET", PATH + "?" + rawQuery, null, Map.of(), DEFAULT_TIMEOUT);
    }

    public static HttpOutcome get(int port, String rawQuery, Duration timeout) {
        return http(port, "GET", PATH + "?" + rawQuery, null, Map.of(), timeout);
    }

    /** Any HTTP request to 127.0.0.1:port; a null body sends none. Never throws for a missing response. */
    public static HttpOutcome http(int port, String method, String pathAndQuery, String body, Map<String, String> headers,
            Duration timeout) {
        HttpClient client = newHttpClient();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + FreePorts.LOOPBACK + ":" + port + pathAndQuery))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpOutcome(response.statusCode(), response.body(), response.headers(), null);
        } catch (HttpTimeoutException e) {
            return new HttpOutcome(-1, "", HttpHeaders.of(Map.of(), (a, b) -> true), "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new HttpOutcome(-1, "", HttpHeaders.of(Map.of(), (a, b) -> true), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method + " " + pathAndQuery, e);
        }
    }

    // ---------------------------------------------------------------- internals

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(DEFAULT_TIMEOUT).build();
    }

    private static String query(String sid, String extraQuery) {
        StringBuilder query = new StringBuilder("EIO=4&transport=polling");
        if (sid != null) {
            query.append("&sid=").append(sid);
        }
        if (extraQuery != null && !extraQuery.isEmpty()) {
            query.append('&').append(extraQuery);
        }
        return query.toString();
    }

    private HttpRequest request(String method, String query, String body, Map<String, String> extraHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + FreePorts.LOOPBACK + ":" + port + PATH + "?" + query))
                .timeout("GET".equals(method) ? POLL_TIMEOUT : DEFAULT_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", "text/plain;charset=UTF-8");
        }
        headers.forEach(builder::header);
        extraHeaders.forEach(builder::header);
        return builder.build();
    }

    private HttpResponse<String> sendRetryingStale(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (!isStaleConnection(e)) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<String> sendHttp(HttpRequest request) {
        try {
            return sendRetryingStale(request);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /**
     * A pooled connection the server had already closed: the request never reached it, so sending it
     * again is safe. netty-socketio answers every polling request with "Connection: keep-alive" and
     * then closes the connection, so the JDK client keeps reusing connections that are gone.
     */
    private static boolean isStaleConnection(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EOFException || String.valueOf(t.getMessage()).contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> splitPayload(String body) {
        List<String> packets = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == RECORD_SEPARATOR) {
                packets.add(body.substring(start, i));
                start = i + 1;
            }
        }
        return packets;
    }

    private void startPolling() {
        Thread thread = new Thread(this::pollLoop, "raw-eio-poll-" + sid());
        thread.setDaemon(true);
        poller = thread;
        thread.start();
    }

    private void pollLoop() {
        boolean retried = false;
        while (!closed && !stopPolling && !closeReason.isDone()) {
            HttpResponse<String> response;
            try {
                CompletableFuture<HttpResponse<String>> poll = http.sendAsync(request("GET", query(sid(), ""), null, Map.of()),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                pendingPoll = poll;
                response = poll.get();
                retried = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | CancellationException e) {
                if (!retried && e.getCause() != null && isStaleConnection(e.getCause())) {
                    retried = true;
                    continue;
                }
                if (!closed && !stopPolling) {
                    markClosed("poll failed: " + (e.getCause() == null ? e : e.getCause()));
                }
                return;
            }
            if (response.statusCode() != 200) {
                markClosed("poll answered HTTP " + response.statusCode() + ": " + response.body());
                return;
            }
            boolean sawNoop = false;
            for (String packet : splitPayload(response.body())) {
                sawNoop |= "6".equals(packet);
                received(packet);
            }
            // During an upgrade the server releases the pending poll with a noop; polling must then stop
            // or the next poll would hang until the server's next ping.
            if (probing && sawNoop) {
                return;
            }
        }
    }

    private void received(String packet) {
        frames.add(packet);
        if ("1".equals(packet)) {
            markClosed("close packet 1");
        } else if ("2".equals(packet) && autoPong && !closed) {
            pong();
        }
    }

    private void pong() {
        // Answered off the receiving thread: a POST from the poll thread is fine, but a WebSocket
        // listener must not block on its own send.
        CompletableFuture.runAsync(() -> {
            try {
                send("3");
            } catch (RuntimeException | AssertionError e) {
                if (!closed) {
                    frames.add("<pong failed: " + e.getMessage() + ">");
                }
            }
        });
    }

    private void markClosed(String reason) {
        closeReason.complete(reason);
        frames.terminate("the session was closed: " + reason);
    }

    private WebSocket openWebSocket(String query) {
        URI uri = URI.create("ws://" + FreePorts.LOOPBACK + ":" + port + PATH + "?" + query);
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(DEFAULT_TIMEOUT);
            headers.forEach(builder::header);
            return builder.buildAsync(uri, new Listener())
                    .get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("WebSocket " + uri + " did not open within " + DEFAULT_TIMEOUT.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while opening " + uri, e);
        }
    }

    private void sendWebSocketText(WebSocket ws, String text) {
        // java.net.http.WebSocket allows one outstanding send at a time.
        synchronized (sendLock) {
            try {
                ws.sendText(text, true).get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("sending '" + text + "' over the WebSocket failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("sending '" + text + "' over the WebSocket timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while sending '" + text + "'", e);
            }
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String packet = text.toString();
                text.setLength(0);
                received(packet);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                received("b" + Base64.getEncoder().encodeToString(binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (ws == webSocket) {
                markClosed("websocket closed " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (ws == webSocket) {
                markClosed("websocket error " + error);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stopPolling = true;
        Future<HttpResponse<String>> poll = pendingPoll;
        if (poll != null) {
            poll.cancel(true);
        }
        for (WebSocket ws : new WebSocket[] {webSocket, probeSocket}) {
            if (ws != null) {
                ws.abort();
            }
        }
        closeReason.complete("closed by the test");
        frames.terminate("closed by the test");
    }
}
