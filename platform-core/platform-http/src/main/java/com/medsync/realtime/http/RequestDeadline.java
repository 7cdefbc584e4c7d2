package com.medsync.realtime.http;

import java.time.Duration;

/**
 * How long a client may take to send one request: from the first byte the server read of it to its last, counted
 * only while the server is reading (not while the request waits behind earlier ones).
 *
 * <p>The idle timeout alone would not end a connection that sends one byte a minute (slowloris): every byte
 * restarts it.
 */
final class RequestDeadline {

    private final RequestDecoder decoder;
    private final long timeoutNanos;

    RequestDeadline(RequestDecoder decoder, Duration timeout) {
        this.decoder = decoder;
        this.timeoutNanos = timeout.toNanos();
    }

    /** @return how often a connection checks it: a quarter of the timeout, so it is late by at most that */
    long checkEveryNanos() {
        return Math.max(Duration.ofMillis(50).toNanos(), timeoutNanos / 4);
    }

    /** @return whether a request is being read and has taken longer than the timeout */
    boolean expired(long nowNanos) {
        long since = decoder.partialSince();
        return since != RequestDecoder.NO_PARTIAL_REQUEST && nowNanos - since > timeoutNanos;
    }

    /** The server is about to read again after a pause of its own: its pause does not count against the client. */
    void restart(long nowNanos) {
        decoder.restartClock(nowNanos);
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }
}
