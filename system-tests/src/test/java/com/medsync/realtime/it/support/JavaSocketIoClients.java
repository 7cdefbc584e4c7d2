package com.medsync.realtime.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The official Java client, io.socket:socket.io-client 2.x, wrapped so tests read like the JS ones.
 *
 * <pre>{@code
 * try (JavaClient client = JavaSocketIoClients.connect(url + "/patient-pharmacy", Map.of("token", token))) {
 *     client.awaitConnect();
 *     JsonNode ack = client.emitWithAck("join", Map.of("room", "pharmacy:p1"));
 *     JsonNode args = client.awaitEvent("order:new");
 * }
 * }</pre>
 *
 * Arguments go out as org.json values (Maps and Lists are converted through Jackson); everything that
 * comes back is handed to the test as Jackson {@link JsonNode}s, the same as {@link JsSocket}.
 */
public final class JavaSocketIoClients {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger();

    private JavaSocketIoClients() {
    }

    /** One received thing: {@code kind} is connect, connect_error, disconnect, event or ack. */
    public record Received(String kind, String event, JsonNode args) {
        @Override
        public String toString() {
            return kind + (event == null ? "" : " '" + event + "'") + " " + args;
        }
    }

    /**
     * Options as a test usually wants them: its own connection (forceNew), no reconnection so a refused
     * client stays refused, and the given handshake auth (null for none).
     */
    public static IO.Options options(Map<String, String> auth) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.timeout = DEFAULT_TIMEOUT.toMillis();
        if (auth != null) {
            options.auth = new LinkedHashMap<>(auth);
        }
        return options;
    }

    /** Connects with {@code auth}; does not wait, call {@link JavaClient#awaitConnect()} or {@link JavaClient#awaitConnectError()}. */
    public static JavaClient connect(String url, Map<String, String> auth) {
        return connect(url, options(auth));
    }

    public static JavaClient connect(String url, IO.Options options) {
        Socket socket = IO.socket(URI.create(url), options);
        JavaClient client = new JavaClient("java client j" + SEQ.incrementAndGet() + " (" + url + ")", socket);
        socket.connect();
        return client;
    }

    /** Converts what the Java client delivers (org.json values, Strings, exceptions) into Jackson. */
    public static JsonNode toJson(Object value) {
        if (value == null || JSONObject.NULL.equals(value)) {
            return JSON.nullNode();
        }
        try {
            if (value instanceof JSONObject || value instanceof JSONArray) {
                return JSON.readTree(value.toString());
            }
            if (value instanceof Throwable throwable) {
                return JSON.getNodeFactory().textNode(String.valueOf(throwable.getMessage()));
            }
            if (value instanceof byte[] bytes) {
                return JSON.getNodeFactory().binaryNode(bytes);
            }
            return JSON.valueToTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + value, e);
        }
    }

    /** Converts test values into what the Java client can put on the wire. */
    static Object toWire(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof JSONObject || value instanceof JSONArray || value instanceof byte[]) {
            return value;
        }
        try {
            String json = JSON.writeValueAsString(value);
            return json.startsWith("[") ? new JSONArray(json) : json.startsWith("{") ? new JSONObject(json) : value;
        } catch (JsonProcessingException | JSONException e) {
            throw new IllegalArgumentException("cannot send " + value + " with the Java client", e);
        }
    }

    private static ArrayNode argsToJson(Object... args) {
        ArrayNode array = JSON.createArrayNode();
        for (Object arg : args) {
            array.add(toJson(arg));
        }
        return array;
    }

    public static final class JavaClient implements AutoCloseable {

        private final Socket socket;
        private final EventLog<Received> log;
        private final AtomicInteger ackSeq = new AtomicInteger();

        JavaClient(String name, Socket socket) {
            this.socket = socket;
            this.log = new EventLog<>(name, Received::toString);
            socket.on(Socket.EVENT_CONNECT, args -> log.add(new Received("connect", null, argsToJson(args))));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> log.add(new Received("connect_error", null, argsToJson(args))));
            socket.on(Socket.EVENT_DISCONNECT, args -> log.add(new Received("disconnect", null, argsToJson(args))));
            socket.onAnyIncoming(args -> log.add(new Received("event", String.valueOf(args[0]),
                    argsToJson(Arrays.copyOfRange(args, 1, args.length)))));
            socket.io().on(Manager.EVENT_RECONNECT, args -> log.add(new Received("reconnect", null, argsToJson(args))));
        }

        /** The underlying client, for what these helpers do not cover. */
        public Socket socket() {
            return socket;
        }

        /** @return the socket id; fails at once on connect_error */
        public String awaitConnect() {
            log.await("connect", DEFAULT_TIMEOUT, r -> "connect".equals(r.kind()), r -> "connect_error".equals(r.kind()));
            return socket.id();
        }

        /**
         * @return the connect_error argument: the server's CONNECT_ERROR payload as sent (a JSON string for a
         * String payload, an object for {@code {message, data}}), or the exception message for a transport failure
         */
        public JsonNode awaitConnectError() {
            return log.await("connect_error", DEFAULT_TIMEOUT, r -> "connect_error".equals(r.kind()),
                    r -> "connect".equals(r.kind())).args().path(0);
        }

        /** @return the disconnect reason */
        public String awaitDisconnect() {
            return log.await("disconnect", DEFAULT_TIMEOUT, r -> "disconnect".equals(r.kind())).args().path(0).asText();
        }

        /** @return the event's arguments as a JSON array */
        public JsonNode awaitEvent(String event) {
            return awaitEvent(event, DEFAULT_TIMEOUT);
        }

        public JsonNode awaitEvent(String event, Duration timeout) {
            return log.await("event '" + event + "'", timeout, r -> "event".equals(r.kind()) && event.equals(r.event())).args();
        }

        public void emit(String event, Object... args) {
            socket.emit(event, Arrays.stream(args).map(JavaSocketIoClients::toWire).toArray());
        }

        /** @return the ack's arguments as a JSON array */
        public JsonNode emitWithAck(String event, Object... args) {
            String ackName = "#" + ackSeq.incrementAndGet();
            Ack ack = ackArgs -> log.add(new Received("ack", ackName, argsToJson(ackArgs)));
            socket.emit(event, Arrays.stream(args).map(JavaSocketIoClients::toWire).toArray(), ack);
            return log.await("ack " + ackName + " for '" + event + "'", DEFAULT_TIMEOUT,
                    r -> "ack".equals(r.kind()) && ackName.equals(r.event())).args();
        }

        public void assertNoEvent(String event, Duration window) {
            log.assertNone("event '" + event + "'", window, r -> "event".equals(r.kind()) && event.equals(r.event()));
        }

        /** Fails if anything of {@code kind} (connect, connect_error, disconnect, event, ack) arrives within the window. */
        public void assertNothing(String kind, Duration window) {
            log.assertNone(kind, window, r -> kind.equals(r.kind()));
        }

        public List<Received> events() {
            return log.snapshot();
        }

        @Override
        public void close() {
            socket.off();
            socket.close();
            log.terminate("closed by the test");
        }
    }
}
