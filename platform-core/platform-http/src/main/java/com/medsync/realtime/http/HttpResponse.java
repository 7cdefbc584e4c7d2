package com.medsync.realtime.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An HTTP response a {@link HttpHandler} returns: status, headers and a fully built body.
 *
 * <p>Immutable: {@link #header(String, String)} returns a copy, so a response can be kept in a constant.
 * Bodies are serialized when the response is created, on the handler thread, so a serialization failure is
 * an ordinary handler failure (answered 500) rather than a network-thread error.
 */
public final class HttpResponse {

    /** The content type of every JSON response. */
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private static final byte[] NO_BODY = new byte[0];
    /** The characters of an HTTP token (RFC 9110, 5.6.2) besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    // The server frames the body itself; a handler-chosen length or encoding would corrupt the connection.
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding");

    /** Every JSON response's headers until one is added: one map, not a copy per response. */
    private static final Map<String, String> JSON_HEADERS =
            new HttpResponse(200, Collections.emptyMap(), NO_BODY).header("Content-Type", JSON_CONTENT_TYPE).headers;

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private HttpResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A JSON response.
     *
     * @param status HTTP status, 200..599
     * @param body   anything Jackson serializes: a {@code JsonNode}, a {@code Map}, a record, a list
     * @return the response, with {@code Content-Type: application/json; charset=utf-8}
     * @throws IllegalArgumentException when the body cannot be serialized
     */
    public static HttpResponse json(int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("response body is not serializable to JSON: "
                    + e.getOriginalMessage(), e);
        }
        return create(status, JSON_CONTENT_TYPE, bytes);
    }

    /**
     * A JSON response written token by token.
     *
     * @param status HTTP status, 200..599
     * @param body   writes one JSON value
     * @return the response, with {@code Content-Type: application/json; charset=utf-8}
     * @throws IllegalArgumentException when {@code body} does not write one complete value
     */
    public static HttpResponse json(int status, JsonWriter body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
            body.writeTo(json);
            if (!json.getOutputContext().inRoot() || json.getOutputContext().getEntryCount() != 1) {
                throw new IllegalArgumentException("response body is not one complete JSON value");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("response body could not be written: " + e.getMessage(), e);
        }
        return create(status, JSON_CONTENT_TYPE, bytes.toByteArray());
    }

    /**
     * A text response, encoded as UTF-8.
     *
     * @param status      HTTP status, 200..599
     * @param contentType the full content type; include {@code charset=utf-8} for clients that need it
     * @param body        the text
     * @return the response
     */
    public static HttpResponse text(int status, String contentType, String body) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        return create(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response without a body, such as {@code 204}.
     *
     * @param status HTTP status, 200..599
     * @return the response
     */
    public static HttpResponse empty(int status) {
        return create(status, null, NO_BODY);
    }

    private static HttpResponse create(int status, String contentType, byte[] body) {
        if (status < 200 || status > 599) {
            // 1xx would need protocol handling (upgrade, continue) this server does not do.
            throw new IllegalArgumentException("status must be 200..599, was " + status);
        }
        if (body.length > 0 && !allowsBody(status)) {
            throw new IllegalArgumentException("status " + status + " cannot carry a body");
        }
        if (JSON_CONTENT_TYPE.equals(contentType)) {
            return new HttpResponse(status, JSON_HEADERS, body);
        }
        HttpResponse response = new HttpResponse(status, Collections.emptyMap(), body);
        return contentType == null ? response : response.header("Content-Type", contentType);
    }

    static boolean allowsBody(int status) {
        return status != 204 && status != 304;
    }

    /**
     * Returns a copy with a header set, replacing any value of the same name (names are case-insensitive).
     *
     * @param name  header name
     * @param value header value; no line breaks
     * @return the new response
     * @throws IllegalArgumentException for an invalid name or value, or a framing header
     *                                  ({@code Content-Length}, {@code Transfer-Encoding})
     */
    public HttpResponse header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!isToken(name)) {
            throw new IllegalArgumentException("invalid header name: " + name);
        }
        if (FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is set by the server");
        }
        // A CR or LF would let a value smuggle extra headers or a second response.
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("header value of " + name + " contains a control character");
        }
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.remove(name); // so the new spelling of the name wins
        copy.put(name, value);
        return new HttpResponse(status, Collections.unmodifiableMap(copy), body);
    }

    /** A loop rather than a regular expression: every response sets at least one header. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} may appear in a token (RFC 9110, section 5.6.2): a header name, a method. */
    static boolean isTokenChar(char c) {
        boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alphanumeric || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /**
     * @param name header name, any case
     * @return the header's value
     */
    public Optional<String> header(String name) {
        // The map is empty or a case-insensitive TreeMap, so get() already ignores case.
        return Optional.ofNullable(headers.get(name));
    }

    /** @return all headers, read-only, in case-insensitive name order */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the {@code Content-Type}, absent for {@link #empty(int)} */
    public Optional<String> contentType() {
        return header("Content-Type");
    }

    /** @return a copy of the body bytes */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body without a defensive copy, for the network layer, which only reads it. */
    byte[] bodyBytes() {
        return body;
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + body.length + " bytes]";
    }
}
