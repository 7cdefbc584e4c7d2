package com.medsync.realtime.server.socket.engine;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open Socket.IO connections. Requests without an {@code Origin} header come
 * from native apps and servers, which origins do not concern; a browser request is allowed only from a
 * configured origin (and, on a dev server, from localhost).
 */
public final class OriginPolicy {

    private final Set<String> allowed;
    private final boolean allowLoopback;

    /**
     * @param allowed       exact origins, such as {@code https://pharmacy.medsync.example}
     * @param allowLoopback whether any {@code http(s)://localhost[:port]} or 127.0.0.1 origin is allowed
     */
    public OriginPolicy(List<String> allowed, boolean allowLoopback) {
        this.allowed = allowed.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.allowLoopback = allowLoopback;
    }

    /** @param origin the request's Origin header, or null when it has none */
    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        return allowed.contains(normalized) || allowLoopback && isLoopback(normalized);
    }

    private static boolean isLoopback(String origin) {
        try {
            URI uri = URI.create(origin);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
