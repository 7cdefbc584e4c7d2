package com.medsync.realtime.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The official JavaScript socket.io-client, run by {@code client-driver.mjs} in one Node process
 * that hosts any number of clients.
 *
 * <pre>{@code
 * try (JsClients js = new JsClients()) {
 *     JsSocket patient = js.connect(serverUrl + "/patient-pharmacy", JsClients.auth(token));
 *     patient.awaitConnect();
 *     JsonNode ack = patient.emitWithAck("join", Map.of("room", "pharmacy:p1"));
 *     JsonNode args = patient.awaitEvent("order:new");
 * }
 * }</pre>
 *
 * The driver lives in {@code target/js}, where the Maven build copied it and ran {@code npm ci};
 * the system property {@code medsync.it.jsDir} (set by Surefire) points there.
 */
public final class JsClients implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Writer stdin;
    private final Map<String, JsSocket> sockets = new ConcurrentHashMap<>();
    private final EventLog<JsonNode> driverLog;
    private final OutputTail stderr = new OutputTail("driver stderr");
    private final AtomicInteger clientSeq = new AtomicInteger();
    private final AtomicInteger ackSeq = new AtomicInteger();
    private final AtomicInteger pingSeq = new AtomicInteger();
    private volatile boolean closing;

    public JsClients() {
        this(jsDir());
    }

    public JsClients(Path jsDir) {
        Path driver = jsDir.resolve("client-driver.mjs");
        if (!Files.isRegularFile(driver) || !Files.isDirectory(jsDir.resolve("node_modules/socket.io-client"))) {
            throw new IllegalStateException("the JS client driver is not installed in " + jsDir.toAbsolutePath()
                    + " (run: mvn -B -pl system-tests generate-test-resources)");
        }
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("medsync.it.node", "node"), driver.getFileName().toString())
                .directory(jsDir.toFile());
        // socket.io-client logs through `debug`; DEBUG=socket.io-client* in the environment shows it on stderr.
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node for " + driver, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        driverLog = new EventLog<>("js-driver", JsonNode::toString);
        driverLog.diagnostics(this::stderrTail);
        Thread stdoutPump = new Thread(this::pumpStdout, "js-driver-stdout-" + process.pid());
        stdoutPump.setDaemon(true);
        stdoutPump.start();
        stderr.follow(process.getErrorStream(), "js-driver-stderr-" + process.pid());
        try {
            driverLog.await("the driver's ready line", STARTUP_TIMEOUT, event -> "ready".equals(event.path("type").asText()));
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Where Maven put the driver and its node_modules. */
    public static Path jsDir() {
        return Path.of(System.getProperty("medsync.it.jsDir", "target/js"));
    }

    /** {@code {"auth": {"token": token}}}, the way the MedSync frontend connects. */
    public static Map<String, Object> auth(String token) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("auth", Map.of("token", token));
        return opts;
    }

    public JsSocket connect(String url) {
        return connect(url, Map.of());
    }

    /**
     * Connects with {@code token} in the handshake auth, without automatic reconnection (a test decides when a
     * client comes back), and waits until it is connected.
     */
    public JsSocket connectOnce(String url, String token) {
        Map<String, Object> opts = auth(token);
        opts.put("reconnection", false);
        JsSocket socket = connect(url, opts);
        socket.awaitConnect();
        return socket;
    }

    /** @param opts io() options (auth, query, extraHeaders, transports, reconnection, ...); forceNew defaults to true */
    public JsSocket connect(String url, Map<String, ?> opts) {
        return connect("c" + clientSeq.incrementAndGet(), url, opts);
    }

    public JsSocket connect(String name, String url, Map<String, ?> opts) {
        EventLog<JsonNode> log = new EventLog<>("js client " + name + " (" + url + ")", JsClients::describe);
        log.diagnostics(() -> diagnostics(name));
        JsSocket socket = new JsSocket(this, name, url, log);
        if (sockets.putIfAbsent(name, socket) != null) {
            throw new IllegalArgumentException("a JS client named " + name + " already exists");
        }
        ObjectNode command = JSON.createObjectNode().put("op", "connect").put("client", name).put("url", url);
        command.set("opts", JSON.valueToTree(opts == null ? Map.of() : opts));
        send(command);
        return socket;
    }

    /** Returns once the driver has handled every command sent before, so its effects have started. */
    public void sync() {
        int seq = pingSeq.incrementAndGet();
        send(JSON.createObjectNode().put("op", "ping").put("seq", seq));
        driverLog.await("pong " + seq, DEFAULT_TIMEOUT, event -> "pong".equals(event.path("type").asText())
                && event.path("seq").asInt() == seq);
    }

    /**
     * Sends a raw driver command, e.g. {@code Map.of("op", "drop", "client", "c1")}; for driver ops
     * {@link JsSocket} does not wrap and for tests of the driver itself.
     */
    public void sendCommand(Map<String, ?> command) {
        send(JSON.valueToTree(command));
    }

    /** Driver-level events (ready, pong, driver-error), for tests that check the driver itself. */
    public List<JsonNode> driverEvents() {
        return driverLog.snapshot();
    }

    int nextAckSeq() {
        return ackSeq.incrementAndGet();
    }

    void send(ObjectNode command) {
        String line;
        try {
            line = JSON.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise command " + command, e);
        }
        synchronized (stdin) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the JS driver has exited (" + process.exitValue() + ")\n" + stderrTail());
            }
            try {
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the JS driver\n" + stderrTail(), e);
            }
        }
    }

    private void pumpStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                route(line);
            }
        } catch (IOException e) {
            driverLog.add(JSON.createObjectNode().put("type", "driver-error").put("error", "stdout: " + e));
        } finally {
            String reason = closing ? "the JS driver was closed" : "the JS driver exited unexpectedly";
            driverLog.terminate(reason);
            sockets.values().forEach(socket -> socket.log().terminate(reason));
        }
    }

    private void route(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            // The driver only prints JSON; anything else is a stray print that must not be lost silently.
            event = JSON.createObjectNode().put("type", "driver-error").put("error", "non-JSON stdout line").put("line", line);
        }
        JsSocket socket = event.hasNonNull("client") ? sockets.get(event.get("client").asText()) : null;
        if (socket != null) {
            socket.log().add(event);
        }
        if (socket == null || "driver-error".equals(event.path("type").asText())) {
            driverLog.add(event);
        }
    }

    private String stderrTail() {
        return stderr.describe();
    }

    private String diagnostics(String client) {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : driverLog.snapshot()) {
            JsonNode about = event.path("client");
            if ("driver-error".equals(event.path("type").asText()) && (about.isNull() || about.isMissingNode()
                    || client.equals(about.asText()))) {
                text.append("  driver error: ").append(event).append('\n');
            }
        }
        return text.append(stderrTail()).toString();
    }

    static String describe(JsonNode event) {
        String type = event.path("type").asText("?");
        return switch (type) {
            case "event" -> "event '" + event.path("event").asText() + "' " + event.path("args");
            case "connect" -> "connect id=" + event.path("id").asText() + " recovered=" + event.path("recovered")
                    + " transport=" + event.path("transport").asText();
            case "connect_error" -> "connect_error message=" + event.path("message") + " data=" + event.path("data")
                    + (event.path("errorType").isNull() || event.path("errorType").isMissingNode()
                            ? "" : " type=" + event.path("errorType").asText() + " description=" + event.path("description"));
            case "disconnect" -> "disconnect reason=" + event.path("reason").asText();
            case "ack" -> "ack #" + event.path("ackSeq").asInt() + " " + event.path("args");
            case "ack-timeout" -> "ack-timeout #" + event.path("ackSeq").asInt();
            default -> type + " " + event;
        };
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (process.isAlive()) {
                send(JSON.createObjectNode().put("op", "exit"));
            }
        } catch (RuntimeException e) {
            // Already going away; the destroy below settles it.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
