package com.medsync.realtime.admin.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base URL of a node's HTTP API, such as {@code http://127.0.0.1:3001} or {@code https://ops.example/realtime}
 * behind a reverse proxy; admin paths are appended to it.
 */
final class ServerAddress {

    private final String base;
    private final String host;
    private final int port;

    private ServerAddress(String base, String host, int port) {
        this.base = base;
        this.host = host;
        this.port = port;
    }

    /**
     * @param url an absolute http or https URL, optionally with a path prefix
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static ServerAddress parse(String url) {
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException("must start with http:// or https://");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host");
        }
        // The bearer token is the only credential; user info would end up in error messages.
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not contain a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        // URI keeps the brackets of an IPv6 literal; a socket address wants the bare address.
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new ServerAddress(scheme + "://" + authority + path, host, port);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** @param path an already encoded path starting with {@code /} */
    URI resolve(String path) {
        return URI.create(base + path);
    }

    /** The base URL, as error messages name the server. */
    @Override
    public String toString() {
        return base;
    }
}
