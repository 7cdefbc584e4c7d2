package com.medsync.realtime.http;

import java.util.List;

/**
 * One request waiting for, or being given, its response on a connection: either a request to dispatch or a
 * response already decided by the HTTP layer (malformed request, oversized body), or the interim
 * {@code 100 Continue} a client waits for.
 */
final class Exchange {

    /** Where a client waits for it before it sends its body. */
    static final Exchange CONTINUE = new Exchange("", "", true, false, null, List.of(), null);

    final String method;
    final String logTarget;
    final boolean keepAlive;
    /** The connection may close only after the refused body has been drained. */
    final boolean oversized;
    final long startNanos = System.nanoTime();
    final HttpRequest request;
    final List<String> segments;
    final HttpResponse immediate;

    private Exchange(String method, String logTarget, boolean keepAlive, boolean oversized, HttpRequest request,
                     List<String> segments, HttpResponse immediate) {
        this.method = method;
        this.logTarget = logTarget;
        this.keepAlive = keepAlive;
        this.oversized = oversized;
        this.request = request;
        this.segments = segments;
        this.immediate = immediate;
    }

    /** A request read to its end, to dispatch; or its 400 when its target is not a path. */
    static Exchange of(RequestHead head, byte[] body, String remoteAddress) {
        RequestTarget target;
        try {
            target = RequestTarget.parse(head.target());
        } catch (IllegalArgumentException e) {
            return answered(head.method(), "<bad target>", head.keepAlive(), Problems.badTarget(e.getMessage()));
        }
        HttpRequest request = HttpRequest.received(head.method(), target.path(), target.query(), head.headers(),
                body, remoteAddress);
        // The path only: query strings may carry secrets and do not belong in logs.
        return new Exchange(head.method(), target.path(), head.keepAlive(), false, request, target.segments(),
                null);
    }

    /** A request whose body is refused (413): the connection closes once the rest of the body is drained. */
    static Exchange oversized(RequestHead head, int limit) {
        String path = head.target();
        int query = path.indexOf('?');
        return new Exchange(head.method(), query < 0 ? path : path.substring(0, query), false, true, null,
                List.of(), Problems.payloadTooLarge(limit));
    }

    static Exchange answered(String method, String logTarget, boolean keepAlive, HttpResponse response) {
        return new Exchange(method, logTarget, keepAlive, false, null, List.of(), response);
    }
}
