package com.medsync.realtime.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code benchmarks/node-server/server.js} on the stock socket.io 4.8 (installed by run.sh with {@code npm ci}),
 * one node process as a node backend runs it, with {@code --expose-gc} so its memory endpoint can collect
 * before measuring.
 */
public final class NodeSocketIoServer extends RunningServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;

    private NodeSocketIoServer(ServerProcess process, int socketPort, int httpPort, Secrets secrets, String version) {
        super(process, socketPort, httpPort, secrets);
        this.version = version;
    }

    public static NodeSocketIoServer start(Path serverDir, Path workDir, Path log, Secrets secrets) {
        int socketPort = FreePorts.find();
        int httpPort = FreePorts.find();
        ServerProcess process = ServerProcess.start(
                List.of("node", "--expose-gc", serverDir.resolve("server.js").toAbsolutePath().toString()),
                Map.of("BENCH_SOCKET_PORT", String.valueOf(socketPort),
                        "BENCH_HTTP_PORT", String.valueOf(httpPort),
                        "BENCH_JWT_SECRET", secrets.jwtSecret(),
                        "BENCH_API_KEY", secrets.apiKey()),
                workDir, log);
        awaitReady(process, httpPort, Duration.ofSeconds(30));
        try {
            String version = JSON.readTree(serverDir.resolve("node_modules/socket.io/package.json").toFile()).path("version").asText();
            return new NodeSocketIoServer(process, socketPort, httpPort, secrets, version);
        } catch (IOException e) {
            process.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String key() {
        return "node_socketio";
    }

    @Override
    public String label() {
        return "node socket.io " + version;
    }





    @Override
    public boolean isJvm() {
        return false;
    }

    @Override
    public MemorySample memory() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/debug/memory"))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            JsonNode usage = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
            return new MemorySample(usage.path("heapUsed").asLong(), process.rssBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
