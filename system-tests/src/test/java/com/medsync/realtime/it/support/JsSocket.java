package com.medsync.realtime.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One socket.io-client socket living in the {@link JsClients} driver. Awaits take the first unconsumed
 * matching event and default to {@link JsClients#DEFAULT_TIMEOUT}.
 */
public final class JsSocket {

    /**
     * What the client saw on {@code connect}: {@code socket.id}, {@code socket.recovered}, the transport,
     * the private session id of connection state recovery (null when the server gave none), and the WebSocket
     * extensions the server accepted ("" for none, null when not connected over WebSocket).
     */
    public record Connected(String id, boolean recovered, String transport, String pid, String wsExtensions) {
    }

    /**
     * What the client saw on {@code connect_error}: {@code err.message}, {@code err.data}; for transport
     * failures (not a server CONNECT_ERROR) also {@code err.type} and {@code err.description}.
     */
    public record ConnectError(String message, JsonNode data, String errorType, String description) {

        /** True for a CONNECT_ERROR packet from the server, false for a transport-level failure. */
        public boolean fromServer() {
            return errorType == null;
        }
    }

    private static final Duration ACK_MARGIN = Duration.ofSeconds(2);

    private final JsClients driver;
    private final String name;
    private final String url;
    private final EventLog<JsonNode> log;

    JsSocket(JsClients driver, String name, String url, EventLog<JsonNode> log) {
        this.driver = driver;
        this.name = name;
        this.url = url;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    EventLog<JsonNode> log() {
        return log;
    }

    public Connected awaitConnect() {
        return awaitConnect(JsClients.DEFAULT_TIMEOUT);
    }

    /** Fails at once if the server refused the connection (a server connect_error arrived first). */
    public Connected awaitConnect(Duration timeout) {
        JsonNode event = log.await("connect", timeout, type("connect"),
                type("connect_error").and(e -> textOrNull(e.get("errorType")) == null));
        return new Connected(event.path("id").asText(), event.path("recovered").asBoolean(false),
                textOrNull(event.get("transport")), textOrNull(event.get("pid")),
                textOrNull(event.get("wsExtensions")));
    }

    public ConnectError awaitConnectError() {
        return awaitConnectError(JsClients.DEFAULT_TIMEOUT);
    }

    /** Fails at once if the client connected instead. */
    public ConnectError awaitConnectError(Duration timeout) {
        JsonNode event = log.await("connect_error", timeout, type("connect_error"), type("connect"));
        return new ConnectError(textOrNull(event.get("message")), event.path("data"),
                textOrNull(event.get("errorType")), textOrNull(event.get("description")));
    }

    /** @return the disconnect reason ("io server disconnect", "transport close", ...) */
    public String awaitDisconnect() {
        return awaitDisconnect(JsClients.DEFAULT_TIMEOUT);
    }

    public String awaitDisconnect(Duration timeout) {
        return log.await("disconnect", timeout, type("disconnect")).path("reason").asText();
    }

    /** @return the event's arguments as a JSON array */
    public JsonNode awaitEvent(String event) {
        return awaitEvent(event, JsClients.DEFAULT_TIMEOUT);
    }

    public JsonNode awaitEvent(String event, Duration timeout) {
        return log.await("event '" + event + "'", timeout, isEvent(event)).path("args");
    }

    /** The first argument of the next {@code event}, the usual shape of a MedSync payload. */
    public JsonNode awaitEventPayload(String event) {
        return awaitEvent(event).path(0);
    }

    /** @return the manager's reconnect attempt number */
    public int awaitReconnect(Duration timeout) {
        return log.await("reconnect", timeout, type("reconnect")).path("attempt").asInt();
    }

    /** Any driver record: {@code type} is one of connect, connect_error, disconnect, event, ack, reconnect, ... */
    public JsonNode await(String description, Duration timeout, Predicate<JsonNode> match) {
        return log.await(description, timeout, match);
    }

    public void emit(String event, Object... args) {
        driver.send(emitCommand(event, args));
    }

    /** Emits with {@code socket.timeout(5 s).emit(...)} and returns the ack's arguments as a JSON array. */
    public JsonNode emitWithAck(String event, Object arg) {
        return emitWithAck(event, JsClients.DEFAULT_TIMEOUT, arg);
    }

    public JsonNode emitWithAck(String event, Duration timeout, Object... args) {
        int seq = driver.nextAckSeq();
        ObjectNode command = emitCommand(event, args).put("ackSeq", seq).put("timeoutMs", timeout.toMillis());
        driver.send(command);
        JsonNode answer = log.await("ack #" + seq + " for '" + event + "'", timeout.plus(ACK_MARGIN),
                e -> ("ack".equals(e.path("type").asText()) || "ack-timeout".equals(e.path("type").asText()))
                        && e.path("ackSeq").asInt() == seq);
        if ("ack-timeout".equals(answer.path("type").asText())) {
            throw new AssertionError("js client " + name + " (" + url + "): the server did not acknowledge '" + event
                    + "' within " + timeout.toMillis() + " ms; events so far: " + describeAll());
        }
        return answer.path("args");
    }

    /**
     * Fails if {@code event} is received, or was received and not yet awaited, within the window.
     * Call {@link JsClients#sync()} first when the window must start after earlier commands took effect.
     */
    public void assertNoEvent(String event, Duration window) {
        log.assertNone("event '" + event + "'", window, isEvent(event));
    }

    /** Everything this client reported so far, consumed or not, in arrival order. */
    public List<JsonNode> events() {
        return log.snapshot();
    }

    /** Names of the server events received so far, in order. */
    public List<String> eventNames() {
        return log.snapshot().stream().filter(type("event")).map(e -> e.path("event").asText()).toList();
    }

    /** {@code socket.disconnect()}: the client leaves the namespace and does not reconnect. */
    public void close() {
        driver.send(command("close"));
    }

    /** {@code socket.connect()} again after {@link #close()}. */
    public void open() {
        driver.send(command("open"));
    }

    /** Replaces {@code socket.auth}: the next connection (or reconnection) sends this auth payload. */
    public void auth(Map<String, ?> auth) {
        ObjectNode command = command("auth");
        command.set("auth", JsClients.JSON.valueToTree(auth));
        driver.send(command);
    }

    /** Closes the Engine.IO connection under the socket, as a network loss would; the manager reconnects. */
    public void drop() {
        driver.send(command("drop"));
    }

    private ObjectNode command(String op) {
        return JsClients.JSON.createObjectNode().put("op", op).put("client", name);
    }

    private ObjectNode emitCommand(String event, Object... args) {
        ObjectNode command = command("emit").put("event", event);
        ArrayNode array = command.putArray("args");
        for (Object arg : args) {
            array.add(JsClients.JSON.valueToTree(arg));
        }
        return command;
    }

    private String describeAll() {
        return log.snapshot().stream().map(JsClients::describe).toList().toString();
    }

    private static Predicate<JsonNode> type(String type) {
        return e -> type.equals(e.path("type").asText());
    }

    private static Predicate<JsonNode> isEvent(String event) {
        return e -> "event".equals(e.path("type").asText()) && event.equals(e.path("event").asText());
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    @Override
    public String toString() {
        return "JsSocket[" + name + " " + url + "]";
    }
}
