package com.medsync.realtime.plugins.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-dispatch exponential backoff for polling: after {@code n} failures in a row a dispatch is polled again
 * no sooner than {@code interval * 2^n} later, capped, so a provider that is down is not hammered while
 * healthy dispatches keep their normal pace. Kept in memory: after a restart every dispatch starts afresh,
 * which costs at most one failed call each.
 */
final class Backoff {

    /** The longest wait between two polls of a failing dispatch. */
    static final Duration CAP = Duration.ofMinutes(5);

    private record Failing(int failures, Instant nextAttempt) {
    }

    private final Duration interval;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    Backoff(Duration interval) {
        this.interval = interval;
    }

    /** @return whether the dispatch may be polled now */
    boolean isDue(String dispatchId, Instant now) {
        Failing state = failing.get(dispatchId);
        return state == null || !now.isBefore(state.nextAttempt());
    }

    /** @return how long the dispatch now waits before its next poll */
    Duration failed(String dispatchId, Instant now) {
        Failing state = failing.compute(dispatchId, (id, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            return new Failing(failures, now.plus(delay(failures)));
        });
        return Duration.between(now, state.nextAttempt());
    }

    /** The dispatch answered: back to the normal pace. */
    void succeeded(String dispatchId) {
        failing.remove(dispatchId);
    }

    /** The dispatch is no longer polled. */
    void forget(String dispatchId) {
        failing.remove(dispatchId);
    }

    /** @return {@code interval * 2^failures}, at most {@link #CAP} */
    Duration delay(int failures) {
        // Past 2^20 the product is far beyond the cap anyway; stopping there avoids overflow.
        Duration delay = interval.multipliedBy(1L << Math.min(failures, 20));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }
}
