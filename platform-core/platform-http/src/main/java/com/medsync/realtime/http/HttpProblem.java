package com.medsync.realtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client-visible error: thrown by a handler (or by {@link HttpRequest#bodyAsJson()}) and answered with
 * {@code status} and the body {@code {"error":{"code":code,"message":message, ...details}}}.
 *
 * <p>The message is sent to the client, so it must not contain secrets or internal details.
 * {@link #withDetail(String, Object)} and {@link #withHeader(String, String)} add to this instance and return it,
 * so they work both chained ({@code throw HttpProblem.conflict(m).withDetail("reason", r)}) and as statements;
 * an instance is meant to be built and thrown by one thread, not shared. No stack trace is captured: a problem
 * is an answer, not a fault, and handlers may throw many of them.
 */
public class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    /**
     * @param status  HTTP status, 400..599
     * @param code    a stable machine-readable code, e.g. {@code INVALID_FIELD}
     * @param message a human-readable explanation, sent to the client
     */
    public HttpProblem(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /**
     * @param status  HTTP status, 400..599
     * @param code    a stable machine-readable code
     * @param message a human-readable explanation, sent to the client
     * @param details extra members of the error object, e.g. {@code {"field": "pharmacy.id"}}
     */
    public HttpProblem(int status, String code, String message, Map<String, ?> details) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem status must be 400..599, was " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        // Not via withDetail: an overridable method must not run before a subclass is constructed.
        details.forEach((key, value) -> this.details.put(checkDetailKey(key), value));
    }

    private static String checkDetailKey(String key) {
        Objects.requireNonNull(key, "detail key");
        if (key.equals("code") || key.equals("message")) {
            throw new IllegalArgumentException("detail key '" + key + "' would overwrite the error's own field");
        }
        return key;
    }

    /** @return a 400 with code {@code BAD_REQUEST} */
    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, "BAD_REQUEST", message);
    }

    /** @return a 401 with code {@code UNAUTHORIZED} */
    public static HttpProblem unauthorized(String message) {
        return new HttpProblem(401, "UNAUTHORIZED", message);
    }

    /** @return a 404 with code {@code NOT_FOUND} */
    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, "NOT_FOUND", message);
    }

    /** @return a 409 with code {@code CONFLICT} */
    public static HttpProblem conflict(String message) {
        return new HttpProblem(409, "CONFLICT", message);
    }

    /** @return a 422 with the given code */
    public static HttpProblem unprocessable(String code, String message) {
        return new HttpProblem(422, code, message);
    }

    /**
     * Adds a member to the error object.
     *
     * @param key   member name, not {@code code} or {@code message}
     * @param value anything Jackson serializes
     * @return this problem
     */
    public HttpProblem withDetail(String key, Object value) {
        details.put(checkDetailKey(key), value);
        return this;
    }

    /**
     * Adds a response header, e.g. {@code WWW-Authenticate} or {@code Retry-After}.
     *
     * @param name  header name
     * @param value header value
     * @return this problem
     */
    public HttpProblem withHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable code */
    public String code() {
        return code;
    }

    /** @return the extra members of the error object, read-only */
    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    /** @return the extra response headers, read-only */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Builds the response this problem is answered with.
     *
     * @return the JSON error response
     * @throws IllegalArgumentException when a detail value cannot be serialized
     */
    public HttpResponse toResponse() {
        ObjectMapper mapper = Json.mapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        details.forEach((key, value) -> error.set(key, mapper.valueToTree(value)));
        HttpResponse response = HttpResponse.json(status, root);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.header(header.getKey(), header.getValue());
        }
        return response;
    }
}
