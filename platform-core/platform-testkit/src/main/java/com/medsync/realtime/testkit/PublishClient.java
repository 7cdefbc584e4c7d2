package com.medsync.realtime.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Publishes events through the real HTTP publish API ({@code POST /api/v1/events}) of a server on this
 * machine, as the MedSync backend does.
 *
 * <pre>{@code
 * PublishClient publisher = new PublishClient(httpPort, apiKey);
 * PublishClient.Response response = publisher.publish("chat:message", Map.of("text", "hi"), "chat:room_1");
 * assertThat(response.status()).isEqualTo(202);
 * }</pre>
 *
 * <p>Only {@code 127.0.0.1}: the kit talks to servers the test started. Requests time out after
 * {@link TestSocket#DEFAULT_TIMEOUT}. Thread safe.
 */
public final class PublishClient {

    /** The API's answer; {@code body} is a missing node when empty and a text node when not JSON. */
    public record Response(int status, JsonNode body) {
    }

    private static final String PATH = "/api/v1/events";

    private final URI uri;
    private final String apiKey;
    private final HttpClient http;

    /**
     * @param httpPort the server's HTTP API port ({@code MEDSYNC_HTTP_PORT})
     * @param apiKey   the bearer key ({@code MEDSYNC_API_KEY}); {@code null} sends no {@code Authorization}
     */
    public PublishClient(int httpPort, String apiKey) {
        if (httpPort < 1 || httpPort > 65_535) {
            throw new IllegalArgumentException("not a port: " + httpPort);
        }
        this.uri = URI.create("http://127.0.0.1:" + httpPort + PATH);
        this.apiKey = apiKey;
        // HTTP/1.1 pinned: the JDK client would otherwise offer an h2c upgrade the API has no use for.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TestSocket.DEFAULT_TIMEOUT)
                .build();
    }

    /**
     * Publishes one envelope {@code {"event", "data", "to"}}.
     *
     * @param data    a Jackson tree, or anything Jackson serializes
     * @param toRooms rooms to add to those the event's owner chooses; no {@code to} member when none
     */
    public Response publish(String event, Object data, String... toRooms) {
        ObjectNode envelope = ClientJson.MAPPER.createObjectNode();
        envelope.put("event", event);
        envelope.set("data", ClientJson.MAPPER.valueToTree(data));
        if (toRooms.length > 0) {
            envelope.set("to", ClientJson.MAPPER.valueToTree(Arrays.asList(toRooms)));
        }
        return publishRaw(envelope.toString());
    }

    /** Posts {@code json} exactly as given: a batch, a malformed body, unknown members. */
    public Response publishRaw(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TestSocket.DEFAULT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + uri, e);
        }
        return new Response(response.statusCode(), body(response.body()));
    }

    private static JsonNode body(String text) {
        if (text == null || text.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return ClientJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    @Override
    public String toString() {
        return "PublishClient(" + uri + ")";
    }
}
