package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kwik's API as far as the plugin uses it, on 127.0.0.1: {@code POST /vendor_login} hands out a new token each
 * time; {@code GET /getJobStatus} answers HTTP 401 for any other token than the last one handed out, and the
 * status the test set for the job ({@code "status": 404} for a job it never set).
 */
final class FakeKwik implements AutoCloseable {

    static final String EMAIL = "ops@medsync.test";
    static final String PASSWORD = "kwik-password";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Integer> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger statusCalls = new AtomicInteger();
    private volatile String validToken = "none yet";

    FakeKwik() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/vendor_login", this::login);
        server.createContext("/getJobStatus", this::jobStatus);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void setJob(String dispatchId, int jobStatus) {
        jobs.put(dispatchId, jobStatus);
    }

    /** Kwik revokes the current token: the next status call gets a 401. */
    void expireToken() {
        validToken = "revoked";
    }

    int logins() {
        return logins.get();
    }

    int statusCalls() {
        return statusCalls.get();
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        if (!"POST".equals(exchange.getRequestMethod()) || !EMAIL.equals(body.path("email").asText())
                || !PASSWORD.equals(body.path("password").asText()) || body.path("api_login").asInt() != 1) {
            answer(exchange, 200, Map.of("status", 201, "message", "invalid credentials"));
            return;
        }
        String token = "token-" + logins.incrementAndGet();
        validToken = token;
        answer(exchange, 200, Map.of("status", 200, "data", Map.of("access_token", token)));
    }

    private void jobStatus(HttpExchange exchange) throws IOException {
        statusCalls.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!validToken.equals(query.get("access_token"))) {
            answer(exchange, 401, Map.of("status", 401, "message", "Session expired"));
            return;
        }
        String dispatchId = query.get("unique_order_id");
        Integer status = jobs.get(dispatchId);
        if (status == null) {
            answer(exchange, 200, Map.of("status", 404, "message", "no such job"));
            return;
        }
        answer(exchange, 200, Map.of("status", 200, "data", Map.of("job_id", "job-" + dispatchId,
                "job_status", status, "tracking_link", "https://kwik.example/track/" + dispatchId)));
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
