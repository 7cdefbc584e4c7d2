package com.medsync.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import io.socket.thread.EventThread;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Socket.IO client ready for tests: the official Java client ({@code io.socket:socket.io-client} 2.x) with
 * what it receives collected for the test thread to await, as Jackson trees.
 *
 * <pre>{@code
 * try (TestSocket socket = TestSocket.connect("http://127.0.0.1:" + port + "/patient-pharmacy", token)) {
 *     socket.awaitConnect();
 *     assertThat(socket.emitWithAck("join", Map.of("room", "chat:room_1")).get(0).get("ok").asBoolean()).isTrue();
 *     JsonNode message = socket.awaitEvent("chat:message");
 *     socket.assertNoEvent("order:new", Duration.ofMillis(300));
 * }
 * }</pre>
 *
 * <p>By default each socket has its own connection ({@code forceNew}), never reconnects (a refused client stays
 * refused), uses the WebSocket transport from the start and sends the token as {@code auth: {token}}. Awaits
 * time out after {@link #DEFAULT_TIMEOUT}; a failure names what was awaited and lists what arrived instead.
 * An await takes the first matching arrival no earlier await took, so events may be awaited in any order.
 *
 * <p>Payloads going out may be Jackson trees or anything Jackson serializes (Maps, Lists, records, Strings,
 * numbers). One instance belongs to one test thread; the client's own thread feeds it.
 */
public final class TestSocket implements AutoCloseable {

    /** How long every await waits unless given a timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** How the client reaches the server. */
    public enum Transport {
        /** WebSocket from the first request, as mobile apps usually connect. */
        WEBSOCKET,
        /** HTTP long-polling only, never upgraded. */
        POLLING,
        /** Long-polling, then upgraded to WebSocket: the client library's (and browsers') default. */
        POLLING_THEN_WEBSOCKET
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Socket socket;
    private final Inbox inbox;
    private final AtomicInteger acks = new AtomicInteger();

    private TestSocket(Socket socket, String name, boolean reconnects) {
        this.socket = socket;
        this.inbox = new Inbox(name);
        socket.on(Socket.EVENT_CONNECT, args -> inbox.add(item("connect", null, args)));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
            inbox.add(item("connect_error", null, args));
            if (!reconnects) {
                inbox.end("connect_error " + ClientJson.toTrees(args));
            }
        });
        socket.on(Socket.EVENT_DISCONNECT, args -> {
            inbox.add(item("disconnect", null, args));
            if (!reconnects) {
                inbox.end("disconnected " + ClientJson.toTrees(args));
            }
        });
        socket.onAnyIncoming(args -> inbox.add(
                item("event", String.valueOf(args[0]), Arrays.copyOfRange(args, 1, args.length))));
    }

    /**
     * Starts connecting over WebSocket; await the outcome with {@link #awaitConnect()} or
     * {@link #awaitConnectError()}.
     *
     * @param url   {@code http://127.0.0.1:<port>/<namespace>}
     * @param token the JWT for {@code auth: {token}}; {@code null} sends no auth payload at all
     */
    public static TestSocket connect(String url, String token) {
        return connect(url, token, Transport.WEBSOCKET);
    }

    /** Like {@link #connect(String, String)} over the given transport. */
    public static TestSocket connect(String url, String token, Transport transport) {
        return connect(url, options(token, transport));
    }

    /**
     * Connects with options of the test's own, for what the shortcuts do not cover: the token as a query
     * parameter or a header (older clients), other timeouts, reconnection.
     */
    public static TestSocket connect(String url, IO.Options options) {
        Socket socket = IO.socket(URI.create(url), options);
        TestSocket test = new TestSocket(socket, "TestSocket " + SEQUENCE.incrementAndGet() + " (" + url + ")",
                options.reconnection);
        socket.connect();
        return test;
    }

    /** @return the options {@link #connect(String, String, Transport)} uses, to adjust and pass back */
    public static IO.Options options(String token, Transport transport) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.timeout = DEFAULT_TIMEOUT.toMillis();
        // Mutable, so a test can add to it before connecting.
        options.auth = token == null ? null : new HashMap<>(Map.of("token", token));
        switch (transport) {
            case WEBSOCKET -> options.transports = new String[] {WebSocket.NAME};
            case POLLING -> {
                options.transports = new String[] {Polling.NAME};
                options.upgrade = false;
            }
            case POLLING_THEN_WEBSOCKET -> options.transports = new String[] {Polling.NAME, WebSocket.NAME};
            default -> throw new IllegalArgumentException("unknown transport " + transport);
        }
        return options;
    }

    /** @return the socket id the server assigned; fails at once on a connect_error */
    public String awaitConnect() {
        inbox.await("connect", DEFAULT_TIMEOUT, item -> item.kind().equals("connect"),
                item -> item.kind().equals("connect_error"));
        return socket.id();
    }

    /**
     * @return the {@code message} of the connect_error, such as {@code Authentication error: token missing};
     *     for a transport failure the client's own message ({@code websocket error}, {@code timeout})
     */
    public String awaitConnectError() {
        JsonNode error = inbox.await("connect_error", DEFAULT_TIMEOUT, item -> item.kind().equals("connect_error"),
                item -> item.kind().equals("connect")).args().path(0);
        return error.isTextual() ? error.textValue() : error.path("message").asText(error.toString());
    }

    /** @return the reason the client gives for the disconnect, such as {@code io server disconnect} */
    public String awaitDisconnect() {
        return inbox.await("disconnect", DEFAULT_TIMEOUT, item -> item.kind().equals("disconnect"), item -> false)
                .args().path(0).asText();
    }

    /** Emits {@code event} with no arguments. */
    public void emit(String event) {
        socket.emit(event);
    }

    /** Emits {@code event} with one argument. */
    public void emit(String event, Object payload) {
        socket.emit(event, ClientJson.toClient(payload));
    }

    /** @return the acknowledgement's arguments, as a JSON array */
    public JsonNode emitWithAck(String event, Object payload) {
        return emitAndAwaitAck(event, new Object[] {ClientJson.toClient(payload)});
    }

    /** @return the acknowledgement's arguments, as a JSON array, of {@code event} emitted with no arguments */
    public JsonNode emitWithAck(String event) {
        return emitAndAwaitAck(event, new Object[0]);
    }

    private JsonNode emitAndAwaitAck(String event, Object[] args) {
        String ackName = "#" + acks.incrementAndGet() + " for '" + event + "'";
        Ack ack = ackArgs -> inbox.add(item("ack", ackName, ackArgs));
        socket.emit(event, args, ack);
        return inbox.await("ack " + ackName, DEFAULT_TIMEOUT,
                item -> item.kind().equals("ack") && ackName.equals(item.name()), item -> false).args();
    }

    /** @return the first argument of the next {@code event} (a missing node when it had none) */
    public JsonNode awaitEvent(String event) {
        return awaitEvent(event, DEFAULT_TIMEOUT);
    }

    /** Like {@link #awaitEvent(String)} with its own timeout. */
    public JsonNode awaitEvent(String event, Duration timeout) {
        return inbox.await("event '" + event + "'", timeout, item -> isEvent(item, event), item -> false)
                .args().path(0);
    }

    /**
     * Fails if an {@code event} arrives within {@code window}, or arrived before and was not awaited. Returns
     * early once the connection is over.
     */
    public void assertNoEvent(String event, Duration window) {
        inbox.assertNone("event '" + event + "'", window, item -> isEvent(item, event));
    }

    /** @return the names of all events received so far, awaited or not, in arrival order */
    public List<String> receivedEventNames() {
        return inbox.all().stream().filter(item -> item.kind().equals("event")).map(Inbox.Item::name).toList();
    }

    /** @return the socket id, or {@code null} while not connected */
    public String id() {
        return socket.id();
    }

    /** @return whether the client considers itself connected */
    public boolean connected() {
        return socket.connected();
    }

    /** @return the underlying client, for what this class does not cover */
    public Socket socket() {
        return socket;
    }

    /**
     * Disconnects, if connected, and releases the connection; returns once the client has done so. Awaits fail
     * from now on.
     */
    @Override
    public void close() {
        socket.off();
        socket.close();
        inbox.end("closed by the test");
        // socket.close() only queues the work on the client's single event thread: once a later task ran, the
        // DISCONNECT is with the transport and connected() is false.
        CountDownLatch closed = new CountDownLatch(1);
        EventThread.exec(closed::countDown);
        try {
            closed.await(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isEvent(Inbox.Item item, String event) {
        return item.kind().equals("event") && event.equals(item.name());
    }

    private static Inbox.Item item(String kind, String name, Object[] args) {
        return new Inbox.Item(kind, name, ClientJson.toTrees(args));
    }
}
