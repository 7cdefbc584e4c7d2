package com.medsync.realtime.server.cluster;

import java.time.Duration;

/** Exponential pauses between retries, from a first delay up to a maximum. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** @return the pause the next {@link #pause()} will make */
    Duration next() {
        return next;
    }

    /** Sleeps for the current delay and doubles it; false when interrupted. */
    boolean pause() {
        try {
            Thread.sleep(next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return true;
    }

    void reset() {
        next = first;
    }
}
