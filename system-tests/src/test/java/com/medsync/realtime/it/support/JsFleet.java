package com.medsync.realtime.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Many official socket.io-client sockets in one Node process ({@code fleet.mjs}), each keeping its own counts
 * and the ids of the events it received, which it hands over in one report. For tests with a thousand clients,
 * where {@link JsClients}'s line per event would be the bottleneck.
 */
public final class JsFleet implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();

    /** One client of the fleet: its token, its transports and the room it joins. */
    public record Member(String id, String token, List<String> transports, String room) {
    }

    public JsFleet() {
        Path dir = JsClients.jsDir();
        if (!Files.isRegularFile(dir.resolve("fleet.mjs"))) {
            throw new IllegalStateException("fleet.mjs is not installed in " + dir.toAbsolutePath());
        }
        try {
            process = new ProcessBuilder(System.getProperty("medsync.it.node", "node"), "fleet.mjs")
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node for fleet.mjs", e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "js-fleet-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                answers.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            answers.add(JSON.createObjectNode().put("type", "error").put("message", e.toString()));
        }
    }

    /**
     * Connects every member to {@code url}, then has each emit {@code join} {roomId: room} with an ack.
     *
     * @return the members that did not connect or whose join was not acknowledged {@code ok}, each as
     *     "id: what went wrong"
     */
    public List<String> connect(String url, List<Member> members, String event, String join, Duration timeout) {
        command(Map.of("op", "connect", "url", url, "clients", members, "event", event, "join", join));
        JsonNode ready = await("ready", timeout);
        return JSON.convertValue(ready.path("failed"), JSON.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }

    /** @return each member's state: ids, connection, reconnections, gaps and the event ids it received */
    public JsonNode report() {
        command(Map.of("op", "report"));
        return await("report", Duration.ofSeconds(30)).path("clients");
    }

    private void command(Object command) {
        try {
            stdin.write(JSON.writeValueAsString(command));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the fleet's node process is gone", e);
        }
    }

    private JsonNode await(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                JsonNode answer = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    throw new AssertionError("no '" + type + "' from the fleet within " + timeout);
                }
                if (type.equals(answer.path("type").asText())) {
                    return answer;
                }
                if ("error".equals(answer.path("type").asText())) {
                    throw new AssertionError("the fleet failed: " + answer.path("message").asText());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            command(Map.of("op", "close"));
        } catch (UncheckedIOException ignored) {
            // Already gone.
        }
        Processes.awaitOrKill(process, Duration.ofSeconds(5));
    }
}
