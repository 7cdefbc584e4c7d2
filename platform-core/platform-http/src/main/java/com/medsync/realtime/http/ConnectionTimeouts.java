package com.medsync.realtime.http;

import java.time.Duration;

/**
 * When a connection has had its time: a client that takes longer than the request timeout to send one request
 * (from the first byte the server read of it to its last), or a connection with nothing going on for the idle
 * timeout. Both count only while nothing of the server's is pending (a request in flight or waiting): the
 * server's own delay is never the client's.
 *
 * <p>Without a request timeout a client sending one byte a minute (slowloris) would hold its connection for
 * ever: every byte restarts an idle timer. Each connection checks with a timer of its own, a quarter of the
 * shorter timeout apart (so a timeout acts up to that late), not one per request.
 */
final class ConnectionTimeouts {

    /** What a check found. */
    enum Expired { NOTHING, REQUEST, IDLE }

    private static final long MIN_CHECK_NANOS = Duration.ofMillis(50).toNanos();

    private final Duration request;
    private final long requestNanos;
    private final long idleNanos;

    /** One for all of a server's connections. */
    ConnectionTimeouts(Duration request, Duration idle) {
        this.request = request;
        this.requestNanos = request.toNanos();
        this.idleNanos = idle.toNanos();
    }

    /** @return how often a connection checks: a quarter of the shorter timeout, so it acts late by at most that */
    long checkEveryNanos() {
        return Math.max(MIN_CHECK_NANOS, Math.min(requestNanos, idleNanos) / 4);
    }

    /**
     * @param quietSince   when the server last had something pending (a response written, the connection opened)
     * @param partialSince when the first byte of the request being read arrived, or
     *                     {@link RequestDecoder#NO_PARTIAL_REQUEST}
     * @return what has expired; call only while nothing of the server's is pending
     */
    Expired check(long nowNanos, long quietSince, long partialSince) {
        if (partialSince != RequestDecoder.NO_PARTIAL_REQUEST) {
            // A request's clock starts at its first byte, or when the server last answered, whichever is later.
            return nowNanos - Math.max(partialSince, quietSince) > requestNanos ? Expired.REQUEST : Expired.NOTHING;
        }
        return nowNanos - quietSince > idleNanos ? Expired.IDLE : Expired.NOTHING;
    }

    /** @return the request timeout, for the 408's message */
    Duration request() {
        return request;
    }
}
