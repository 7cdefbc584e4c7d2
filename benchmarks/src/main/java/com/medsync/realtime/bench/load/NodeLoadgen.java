package com.medsync.realtime.bench.load;

import com.medsync.realtime.bench.server.Processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One process of the Node.js load generator ({@code benchmarks/node-loadgen/loadgen.js}): started with its
 * spec, its stdout read as JSON lines ({@code connected}, {@code phase}, {@code held}, {@code done},
 * {@code error}), its stderr appended to a log file. {@link #release} closes its stdin (a holding generator then
 * reports what it held and closes its sockets); {@link #close} stops whatever still runs, SIGTERM then SIGKILL.
 */
public final class NodeLoadgen implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EXITED = JSON.createObjectNode().put("type", "exited");

    /** The {@code connected} line. */
    public record Connected(int sockets, int failed, String firstFailure, long millis) {
    }

    /** The {@code held} line of hold mode. */
    public record Held(int open, int closedByServer) {
    }

    private final Process process;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private NodeLoadgen(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::read, "node-loadgen-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** A spec with what every run of the generator needs; the caller adds sockets, rooms, phases or hold. */
    public static ObjectNode spec(int socketPort, int httpPort, String apiKey, String jwtSecret, long serverPid) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("socketPort", socketPort).put("httpPort", httpPort).put("host", "127.0.0.1")
                .put("namespace", SocketFleet.NAMESPACE).put("apiKey", apiKey).put("jwtSecret", jwtSecret)
                .put("serverPid", serverPid);
        return spec;
    }

    public static NodeLoadgen start(Path directory, ObjectNode spec, Path log) {
        ProcessBuilder builder = new ProcessBuilder("node", directory.resolve("loadgen.js").toAbsolutePath().toString(),
                spec.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new NodeLoadgen(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    // Only JSON lines are promised on stdout; anything else is reported, not fatal.
                    lines.add(JSON.createObjectNode().put("type", "noise").put("line", line));
                }
            }
        } catch (IOException e) {
            // the process went away; the EXITED marker below says so
        }
        lines.add(EXITED);
    }

    /** @return the next line of {@code type}, skipping others; fails on an error line, an exit or the timeout */
    private JsonNode next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (line == null) {
                throw new IllegalStateException("the node load generator sent no '" + type + "' within " + timeout + "; see " + log);
            }
            String got = line.path("type").asText();
            if (got.equals(type)) {
                return line;
            }
            if (got.equals("error")) {
                throw new IllegalStateException("the node load generator failed: " + line.path("message").asText() + " (see " + log + ")");
            }
            if (line == EXITED) {
                lines.add(EXITED);
                throw new IllegalStateException("the node load generator exited before '" + type + "'; see " + log);
            }
        }
    }

    public Connected awaitConnected(Duration timeout) {
        JsonNode line = next("connected", timeout);
        return new Connected(line.path("sockets").asInt(), line.path("failed").asInt(),
                line.path("firstFailure").isNull() ? null : line.path("firstFailure").asText(null), line.path("millis").asLong());
    }

    public PhaseResult awaitPhase(Duration timeout) {
        return PhaseResult.fromNode(next("phase", timeout));
    }

    /** Hold mode: closes stdin, so the generator reports what it still held and closes its sockets. */
    public Held release(Duration timeout) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the generator is gone, and next() will say so
        }
        JsonNode line = next("held", timeout);
        return new Held(line.path("open").asInt(), line.path("closedByServer").asInt());
    }

    /** Waits for the generator to finish by itself (after its last phase). */
    public void awaitDone(Duration timeout) {
        next("done", timeout);
    }

    /** Stops the generator if it still runs: SIGTERM (a holding generator closes its sockets), then SIGKILL. */
    @Override
    public void close() {
        if (process.isAlive()) {
            Processes.stop(process);
        }
    }
}
