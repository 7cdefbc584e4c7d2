package com.medsync.realtime.admin.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin API as the CLI meets it, on 127.0.0.1 and an ephemeral port: bearer check first (401 with the
 * server's JSON error), then canned answers by {@code METHOD path} ({@code METHOD path?query} when the request has
 * a query), 404 for anything else.
 */
final class FakeAdminApi implements AutoCloseable {

    /** What the CLI sent. */
    record Request(String method, String rawPath, String rawQuery, String authorization, String contentType,
            String body) {
    }

    private record Reply(int status, String body, Duration delay) {
    }

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAdminApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        // A delayed reply must not hold up the others.
        server.setExecutor(executor);
        server.start();
    }

    /** Answers {@code method rawPath} with that status and body; {@code rawPath} may end with {@code ?rawQuery}. */
    FakeAdminApi answer(String method, String rawPath, int status, String body) {
        return answer(method, rawPath, status, body, Duration.ZERO);
    }

    FakeAdminApi answer(String method, String rawPath, int status, String body, Duration delay) {
        replies.put(method + " " + rawPath, new Reply(status, body, delay));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(method, rawPath, rawQuery, authorization,
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Reply reply = ("Bearer " + token).equals(authorization)
                    ? replies.getOrDefault(method + " " + target, new Reply(404,
                            error("NOT_FOUND", "no route for " + method + " " + target), Duration.ZERO))
                    : new Reply(401, error("UNAUTHORIZED", "invalid bearer token"), Duration.ZERO);
            Thread.sleep(reply.delay().toMillis());
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
