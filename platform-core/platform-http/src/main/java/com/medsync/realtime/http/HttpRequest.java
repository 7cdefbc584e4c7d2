package com.medsync.realtime.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a handler sees it: fully read, detached from the network, safe to keep.
 *
 * <p>The server builds these; tests of handlers can build them with {@link #builder(String, String)}.
 */
public final class HttpRequest {

    private static final int MAX_PARSER_MESSAGE = 160;

    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers; // keys lower-cased
    private final byte[] body;
    private final String remoteAddress;

    private HttpRequest(String method, String path, Map<String, String> pathParams,
                        Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
                        String remoteAddress) {
        this.method = method;
        this.path = path;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.remoteAddress = remoteAddress;
    }

    /**
     * Starts a request, for tests and adapters.
     *
     * @param method HTTP method, e.g. {@code POST}
     * @param path   decoded path without query, e.g. {@code /admin/plugins}
     * @return a builder
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /**
     * A request as the server read it, without copies: the maps are unmodifiable, and so are the lists of header
     * values.
     *
     * @param headers values by lower-cased name
     */
    static HttpRequest received(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body, String remoteAddress) {
        return new HttpRequest(method, path, Map.of(), query, headers, body, remoteAddress);
    }

    /** @return the HTTP method as sent, e.g. {@code GET} */
    public String method() {
        return method;
    }

    /** @return the percent-decoded path, without the query string */
    public String path() {
        return path;
    }

    /**
     * @param name the name in the route pattern, e.g. {@code id} for {@code /admin/plugins/{id}}
     * @return the decoded path segment that matched it
     */
    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(pathParams.get(name));
    }

    /**
     * @param name query parameter name
     * @return its first decoded value; present but empty for {@code ?flag} or {@code ?flag=}
     */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * @param name header name, any case
     * @return the header's first value
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return a copy of the body; empty when there is none */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Parses the body as one JSON document.
     *
     * @return the parsed document; a new tree on every call
     * @throws HttpProblem 400 {@code MALFORMED_JSON} "malformed JSON: ..." for an empty body, invalid JSON or
     *                     trailing content after the document
     */
    public JsonNode bodyAsJson() {
        if (body.length == 0) {
            throw malformedJson("empty body");
        }
        JsonNode tree;
        try {
            tree = Json.strictTreeReader().readTree(body);
        } catch (JsonProcessingException e) {
            throw malformedJson(describe(e));
        } catch (IOException e) {
            // Cannot happen for an in-memory array, but the signature says it may; still the client's input.
            throw malformedJson("unreadable body");
        }
        if (tree == null || tree.isMissingNode()) {
            throw malformedJson("empty body");
        }
        return tree;
    }

    /** @return the client's IP address (the TCP peer; proxies are not unwrapped) */
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * Returns a copy in which header {@code name} has exactly {@code value}, whatever the client sent under that
     * name: for a server that vouches for a value itself, such as the operator a console session names.
     *
     * @param name  header name, any case
     * @param value its only value
     * @return the new request; this one is unchanged
     */
    public HttpRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(Locale.ROOT), List.of(Objects.requireNonNull(value, "value")));
        return new HttpRequest(method, path, pathParams, query, Collections.unmodifiableMap(copy), body,
                remoteAddress);
    }

    HttpRequest withPathParams(Map<String, String> params) {
        return new HttpRequest(method, path, Collections.unmodifiableMap(new LinkedHashMap<>(params)), query,
                headers, body, remoteAddress);
    }

    private static HttpProblem malformedJson(String detail) {
        return new HttpProblem(400, "MALFORMED_JSON", "malformed JSON: " + detail);
    }

    // Jackson's messages carry a source description and can be long; the client needs the gist and a position.
    private static String describe(JsonProcessingException e) {
        String message = Objects.requireNonNullElse(e.getOriginalMessage(), "invalid JSON");
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        int sourceNote = message.indexOf(" (start marker at");
        if (sourceNote >= 0) {
            message = message.substring(0, sourceNote);
        }
        if (message.length() > MAX_PARSER_MESSAGE) {
            message = message.substring(0, MAX_PARSER_MESSAGE) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return message;
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + "]";
    }

    /** Builds an {@link HttpRequest}; not thread-safe. */
    public static final class Builder {

        private final String method;
        private final String path;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private String remoteAddress = "127.0.0.1";

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Adds a header value; repeated names keep every value, {@link HttpRequest#header} returns the first. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a decoded query parameter value. */
        public Builder queryParam(String name, String value) {
            query.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets a path parameter, as the router would from the matched pattern. */
        public Builder pathParam(String name, String value) {
            pathParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the body; the array is copied. */
        public Builder body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /** Sets the body to the UTF-8 bytes of {@code text}. */
        public Builder body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sets the client's IP address. */
        public Builder remoteAddress(String address) {
            this.remoteAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** @return the request */
        public HttpRequest build() {
            return new HttpRequest(method, path, Collections.unmodifiableMap(new LinkedHashMap<>(pathParams)),
                    freeze(query), freeze(headers), body, remoteAddress);
        }

        private static Map<String, List<String>> freeze(Map<String, List<String>> source) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            source.forEach((key, values) -> copy.put(key, List.copyOf(values)));
            return Collections.unmodifiableMap(copy);
        }
    }
}
