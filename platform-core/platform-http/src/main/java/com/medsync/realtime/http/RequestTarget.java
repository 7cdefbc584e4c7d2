package com.medsync.realtime.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The request line's target, split and decoded.
 *
 * @param path     the decoded path
 * @param segments the path's segments, each decoded on its own so that {@code %2F} stays inside its segment
 * @param query    decoded query parameters
 */
record RequestTarget(String path, List<String> segments, Map<String, List<String>> query) {

    private static final int MAX_QUERY_PARAMS = 256;

    /**
     * @throws IllegalArgumentException for a target that is not an absolute path or has a bad percent-escape
     */
    static RequestTarget parse(String uri) {
        if (!uri.startsWith("/")) {
            throw new IllegalArgumentException("request target must be an absolute path");
        }
        if (isPlainPath(uri)) {
            // Most targets (every publish): nothing to decode, no query, so the path is the target as sent.
            return new RequestTarget(uri, List.copyOf(PathPattern.split(uri)), Map.of());
        }
        QueryStringDecoder decoder = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_QUERY_PARAMS);
        List<String> segments = new ArrayList<>();
        for (String raw : PathPattern.split(decoder.rawPath())) {
            segments.add(decodeSegment(raw));
        }
        String path = "/" + String.join("/", segments);
        // Decoded now, not lazily, so a bad escape is this request's 400 rather than a handler's 500.
        Map<String, List<String>> query = Collections.unmodifiableMap(decoder.parameters());
        return new RequestTarget(path, List.copyOf(segments), query);
    }

    /** @return whether the target is a path alone, without escapes, query or fragment */
    private static boolean isPlainPath(String uri) {
        return uri.indexOf('%') < 0 && uri.indexOf('?') < 0 && uri.indexOf('#') < 0;
    }

    private static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        // URLDecoder is a form decoder: protect '+', which is literal in a path.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
