package com.medsync.realtime.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free loopback port, without persistence: killed, it
 * comes back empty, as a Redis restarted without a disk does. The binary must be on the PATH (the CI script
 * installs Debian's {@code redis-server}); without it the test fails and says so.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
        try {
            this.log = Files.createTempFile("redis-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a Redis on a free port. */
    public static RedisServer start() {
        RedisServer redis = new RedisServer(FreePorts.belowEphemeralRange());
        redis.restart();
        return redis;
    }

    /** A Redis on a free port that is not started yet: for nodes that must start while Redis is down. */
    public static RedisServer notStarted() {
        return new RedisServer(FreePorts.belowEphemeralRange());
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + FreePorts.LOOPBACK + ":" + port;
    }

    /** Starts (again) on the same port and waits until it answers PING. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on " + port + " is running already");
        }
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", FreePorts.LOOPBACK, "--save", "", "--appendonly", "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server (install it: apt-get install redis-server): "
                    + e.getMessage(), e);
        }
        Await.until(() -> "redis-server on port " + port + " to answer PING; its log: " + log, START_TIMEOUT,
                () -> process.isAlive() && answersPing());
    }

    /** Kills the server at once, as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return "+PONG".equals(answer);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
