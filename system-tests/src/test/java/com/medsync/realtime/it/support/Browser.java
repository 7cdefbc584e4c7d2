package com.medsync.realtime.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.File;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless chromium, driven through puppeteer-core by {@code browser-driver.mjs} (in {@code target/js},
 * installed by the build as the socket.io-client driver is): one browser with one page, for end-to-end tests
 * of the operator console and of the stock Socket.IO Admin UI. Every call waits for the driver's answer and fails
 * the test with the driver's error. Selectors are CSS or puppeteer's ({@code ::-p-aria(Password)},
 * {@code ::-p-xpath(//tr[td='x'])}); the browser resolves no host but localhost and 127.0.0.1.
 *
 * <pre>{@code
 * try (Browser browser = new Browser()) {
 *     browser.open("http://127.0.0.1:" + port + "/console/");
 *     browser.fill("#login-token", token);
 *     browser.click("#login-submit");
 *     browser.waitForText("#operator", "alice", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Chromium is found as {@code -Dmedsync.it.chromium}, else {@code chromium} or {@code chromium-browser} on the
 * PATH; CI installs Debian's {@code chromium} ({@code .ci/run}). Without it a test fails and says so, unless it asks
 * {@link #chromiumInstalled()} first to be skipped.
 */
public final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_MARGIN = Duration.ofSeconds(20);

    private final Process process;
    private final Writer stdin;
    private final EventLog<JsonNode> output = new EventLog<>("browser driver", JsonNode::toString);
    private final OutputTail stderr = new OutputTail("driver stderr");
    private final AtomicInteger ids = new AtomicInteger();

    public Browser() {
        Path jsDir = JsClients.jsDir();
        Path driver = jsDir.resolve("browser-driver.mjs");
        if (!Files.isRegularFile(driver) || !Files.isDirectory(jsDir.resolve("node_modules/puppeteer-core"))) {
            throw new IllegalStateException("the browser driver is not installed in " + jsDir.toAbsolutePath()
                    + " (run: mvn -B -pl system-tests generate-test-resources)");
        }
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("medsync.it.node", "node"),
                driver.getFileName().toString(), chromium().toString()).directory(jsDir.toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node for " + driver, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        output.diagnostics(this::stderrTail);
        daemon("browser-driver-stdout", this::pumpStdout);
        stderr.follow(process.getErrorStream(), "browser-driver-stderr-" + process.pid());
        try {
            output.await("the driver's ready line", STARTUP_TIMEOUT, line -> "ready".equals(line.path("type").asText()));
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Debian's chromium (or the one named by {@code -Dmedsync.it.chromium}). */
    public static Path chromium() {
        return installedChromium().orElseThrow(() -> new IllegalStateException(
                "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"));
    }

    /** @return whether {@link #chromium()} finds a browser, for a test that is skipped without one */
    public static boolean chromiumInstalled() {
        return installedChromium().isPresent();
    }

    private static Optional<Path> installedChromium() {
        String configured = System.getProperty("medsync.it.chromium");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Opens a URL and waits until the page is idle on the network; the document's status and headers. */
    public Document open(String url) {
        JsonNode value = call("goto", Map.of("url", url), Duration.ofSeconds(30));
        return new Document(value.path("status").asInt(), value.path("headers"));
    }

    /** Clears the field and types {@code value} into it, as a person would. */
    public void fill(String selector, String value) {
        call("fill", Map.of("selector", selector, "value", value), Duration.ofSeconds(10));
    }

    public void click(String selector) {
        call("click", Map.of("selector", selector), Duration.ofSeconds(10));
    }

    /** Waits until an element matching {@code selector} contains {@code text}; returns that element's text. */
    public String waitForText(String selector, String text, Duration timeout) {
        return call("waitText", Map.of("selector", selector, "text", text, "timeoutMs", timeout.toMillis()), timeout)
                .asText();
    }

    /** Waits until an element matching {@code selector} has {@code text} alone (spaces around aside). */
    public String waitForExactText(String selector, String text, Duration timeout) {
        return call("waitText", Map.of("selector", selector, "text", text, "timeoutMs", timeout.toMillis(),
                "exact", true), timeout).asText();
    }

    /** Waits until no element matches {@code selector}. */
    public void waitUntilGone(String selector, Duration timeout) {
        call("waitGone", Map.of("selector", selector, "timeoutMs", timeout.toMillis()), timeout);
    }

    /** The text of every element matching {@code selector}, in document order. */
    public List<String> texts(String selector) {
        return JSON.convertValue(call("texts", Map.of("selector", selector), Duration.ofSeconds(5)),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /** The page's cookies: name, value, httpOnly, sameSite, secure, path each. */
    public JsonNode cookies() {
        return call("cookies", Map.of(), Duration.ofSeconds(5));
    }

    /** What page scripts can read back: {@code local} and {@code session} storage, and {@code href}. */
    public JsonNode storage() {
        return call("storage", Map.of(), Duration.ofSeconds(5));
    }

    /** Empties the page's localStorage and sessionStorage, for a page that keeps its settings there. */
    public void clearStorage() {
        call("clearStorage", Map.of(), Duration.ofSeconds(5));
    }

    /** Saves a screenshot of the whole page as PNG. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call("screenshot", Map.of("path", file.toAbsolutePath().toString()), Duration.ofSeconds(20));
    }

    /** What the page wrote to its console, its uncaught errors and failed requests, so far. */
    public List<JsonNode> pageMessages() {
        return output.snapshot().stream().filter(line -> !"result".equals(line.path("type").asText())
                && !"ready".equals(line.path("type").asText())).toList();
    }

    private JsonNode call(String op, Map<String, ?> arguments, Duration timeout) {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.valueToTree(arguments);
        command.put("id", id).put("op", op);
        send(command);
        JsonNode result = output.await(op + " #" + id + " " + arguments, timeout.plus(CALL_MARGIN),
                line -> "result".equals(line.path("type").asText()) && line.path("id").asInt() == id);
        if (!result.path("ok").asBoolean()) {
            throw new AssertionError("browser " + op + " " + arguments + " failed: " + result.path("error").asText()
                    + "\n  page messages: " + pageMessages() + stderrTail());
        }
        return result.path("value");
    }

    private void send(ObjectNode command) {
        try {
            synchronized (stdin) {
                stdin.write(JSON.writeValueAsString(command));
                stdin.write('\n');
                stdin.flush();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + command, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the browser driver" + stderrTail(), e);
        }
    }

    private void pumpStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(parse(line));
            }
        } catch (IOException e) {
            // The process is gone; terminate() below says so to every wait.
        } finally {
            output.terminate("the browser driver exited");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("type", "stray-output").put("line", line);
        }
    }

    private String stderrTail() {
        String tail = stderr.describe();
        return tail.isEmpty() ? "" : "\n" + tail;
    }

    private void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        // Taken first: once the driver is gone, its browser is no longer its descendant.
        List<ProcessHandle> browserProcesses = process.descendants().toList();
        try {
            send(JSON.createObjectNode().put("id", ids.incrementAndGet()).put("op", "exit"));
        } catch (RuntimeException e) {
            // Already gone; the wait below settles it.
        }
        Processes.awaitOrKill(process, Duration.ofSeconds(10));
        // A driver killed outright cannot close its browser: no chromium may outlive the test.
        browserProcesses.forEach(ProcessHandle::destroyForcibly);
    }

    /** The answer to the document request of {@link #open(String)}. */
    public record Document(int status, JsonNode headers) {

        /** @param name a header name in lower case, as the browser reports them */
        public String header(String name) {
            return headers.path(name).asText(null);
        }
    }
}
