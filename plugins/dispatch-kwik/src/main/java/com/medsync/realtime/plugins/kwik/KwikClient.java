package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The two Kwik API calls polling needs: {@code POST /vendor_login} for an access token and
 * {@code GET /getJobStatus} for one job's state. The token is cached until Kwik answers 401, then fetched
 * again once for that call.
 */
final class KwikClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final KwikSettings settings;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object loginLock = new Object();
    private volatile String token;

    KwikClient(HttpClient http, KwikSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** @return an HTTP client with the timeouts this plugin uses */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param dispatchId our dispatch id, Kwik's {@code unique_order_id}
     * @return the job's current state
     * @throws KwikApiException when Kwik refuses or answers something unreadable
     */
    KwikJob jobStatus(String dispatchId) throws KwikApiException, IOException, InterruptedException {
        String current = token();
        Answer answer = getJobStatus(dispatchId, current);
        if (answer.unauthorized()) {
            // The token expired or was revoked: forget it, log in again, and try once more.
            invalidate(current);
            answer = getJobStatus(dispatchId, token());
            if (answer.unauthorized()) {
                throw new KwikApiException("getJobStatus refused a fresh access token (401)");
            }
        }
        JsonNode body = answer.body();
        if (body.path("status").asInt() != 200) {
            throw new KwikApiException("getJobStatus for " + dispatchId + " answered status "
                    + body.path("status").asText("?") + ": " + body.path("message").asText(""));
        }
        JsonNode data = body.path("data");
        // Kwik answers one job, sometimes wrapped in a one-element array.
        JsonNode job = data.isArray() ? data.path(0) : data;
        try {
            return KwikJob.read(job, dispatchId);
        } catch (IllegalArgumentException e) {
            throw new KwikApiException("unreadable getJobStatus answer for " + dispatchId + ": " + e.getMessage());
        }
    }

    private Answer getJobStatus(String dispatchId, String accessToken) throws KwikApiException, IOException,
            InterruptedException {
        URI uri = URI.create(settings.baseUrl() + "/getJobStatus?unique_order_id=" + encode(dispatchId)
                + "&access_token=" + encode(accessToken));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            return new Answer(true, null);
        }
        JsonNode body = json(response, "getJobStatus");
        // Kwik also reports an expired session as HTTP 200 with "status": 401 in the body.
        return new Answer(body.path("status").asInt() == 401, body);
    }

    /** @return the cached token, logging in when there is none */
    private String token() throws KwikApiException, IOException, InterruptedException {
        String current = token;
        if (current != null) {
            return current;
        }
        synchronized (loginLock) {
            // Concurrent polls that all found no token log in once.
            if (token == null) {
                token = login();
            }
            return token;
        }
    }

    private void invalidate(String stale) {
        synchronized (loginLock) {
            if (stale != null && stale.equals(token)) {
                token = null;
            }
        }
    }

    private String login() throws KwikApiException, IOException, InterruptedException {
        ObjectNode credentials = mapper.createObjectNode()
                .put("email", settings.email())
                .put("password", settings.password())
                .put("api_login", 1);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/vendor_login"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.toString(), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json(response, "vendor_login");
        String accessToken = body.path("data").path("access_token").textValue();
        if (body.path("status").asInt() != 200 || accessToken == null || accessToken.isEmpty()) {
            // The message is Kwik's; the credentials are never repeated in it.
            throw new KwikApiException("vendor_login failed for " + settings.email() + ": status "
                    + body.path("status").asText("?") + " " + body.path("message").asText(""));
        }
        return accessToken;
    }

    private JsonNode json(HttpResponse<String> response, String call) throws KwikApiException {
        if (response.statusCode() / 100 != 2) {
            throw new KwikApiException(call + " answered HTTP " + response.statusCode());
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new KwikApiException(call + " answered something that is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Answer(boolean unauthorized, JsonNode body) {
    }
}
