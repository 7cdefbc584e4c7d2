package com.medsync.realtime.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps a method and a path to a {@link HttpHandler}.
 *
 * <p>Patterns are absolute paths of literal segments and {@code {name}} segments, e.g.
 * {@code /admin/plugins/{id}/start}, or ending with {@code /} for a directory's index ({@code /console/}, which
 * {@code /console} does not match). Matching is exact per segment (no wildcards, no trailing-slash folding);
 * a {@code {name}} segment matches any non-empty decoded segment except {@code .} and {@code ..}. When several
 * patterns match, the one with a literal at the first differing segment wins, so {@code /a/b} beats
 * {@code /a/{x}} whatever the registration order.
 *
 * <p>Thread-safe: routes may be added and removed while requests are served (plugins register webhook routes
 * when they start). Each request sees the routes as they were when it arrived.
 */
public final class Router {

    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");

    private final Object writeLock = new Object();
    // Copy-on-write: lookups on the network thread read a snapshot without locking.
    private volatile List<Route> routes = List.of();

    private record Route(String method, PathPattern pattern, HttpHandler handler, boolean onNetworkThread) {
    }

    /**
     * Adds a route.
     *
     * @param method      HTTP method, e.g. {@code GET} (upper-cased)
     * @param pathPattern the pattern
     * @param handler     the handler
     * @return this router
     * @throws IllegalArgumentException for an invalid pattern, or when this method already has a route of the
     *                                  same shape ({@code /a/{x}} and {@code /a/{y}} are the same shape)
     */
    public Router route(String method, String pathPattern, HttpHandler handler) {
        return add(method, pathPattern, handler, false);
    }

    /**
     * Adds a route whose handler runs on the connection's network thread, with no hand-off to a handler thread
     * and back: for a handler that never blocks (no network or disk, no waiting on another thread), answering in
     * microseconds. Each hand-off costs two thread wake-ups, which at thousands of requests a second is a
     * sizeable part of the request's CPU. While such a handler runs, the other connections of its network thread
     * wait; a handler that may block belongs in {@link #route}.
     *
     * @see #route(String, String, HttpHandler)
     */
    public Router routeOnNetworkThread(String method, String pathPattern, HttpHandler handler) {
        return add(method, pathPattern, handler, true);
    }

    private Router add(String method, String pathPattern, HttpHandler handler, boolean onNetworkThread) {
        String verb = normalizeMethod(method);
        PathPattern pattern = PathPattern.parse(pathPattern);
        Objects.requireNonNull(handler, "handler");
        synchronized (writeLock) {
            for (Route existing : routes) {
                if (existing.method.equals(verb) && existing.pattern.shape().equals(pattern.shape())) {
                    // Silently replacing would let one plugin take over another's route.
                    throw new IllegalArgumentException(verb + " " + pathPattern + " is already routed (as "
                            + existing.pattern + ")");
                }
            }
            List<Route> next = new ArrayList<>(routes);
            next.add(new Route(verb, pattern, handler, onNetworkThread));
            routes = List.copyOf(next);
        }
        return this;
    }

    /**
     * Removes a route; does nothing when there is none.
     *
     * @param method      HTTP method
     * @param pathPattern the pattern, or any pattern of the same shape
     * @return this router
     */
    public Router unroute(String method, String pathPattern) {
        String verb = normalizeMethod(method);
        String shape = PathPattern.parse(pathPattern).shape();
        synchronized (writeLock) {
            List<Route> next = new ArrayList<>(routes);
            if (next.removeIf(r -> r.method.equals(verb) && r.pattern.shape().equals(shape))) {
                routes = List.copyOf(next);
            }
        }
        return this;
    }

    RouteMatch match(String method, List<String> segments) {
        Route best = null;
        Map<String, String> bestParams = null;
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.pattern.match(segments);
            if (params == null) {
                continue;
            }
            allowed.add(route.method);
            if (route.method.equals(method)
                    && (best == null || route.pattern.compareSpecificity(best.pattern) < 0)) {
                best = route;
                bestParams = params;
            }
        }
        if (best != null) {
            return new RouteMatch.Found(best.handler, bestParams, best.onNetworkThread);
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(allowed);
    }

    private static String normalizeMethod(String method) {
        String verb = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(verb).matches()) {
            throw new IllegalArgumentException("invalid HTTP method: " + method);
        }
        return verb;
    }
}
