package com.medsync.realtime.server.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where in the event log a replay must start for a recipient that loses its connection: the offset before the
 * first event this node sent it or, when it was sent none, the last offset this node delivered. Replaying from
 * there gives its client every event it may have missed, assuming it received none that this node sent.
 *
 * <p>Not thread safe: guarded by its {@link LocalDelivery}.
 *
 * @param <R> the recipient
 */
final class ResumePositions<R> {

    private Optional<String> lastDelivered = Optional.empty();
    /** Per recipient sent anything: the offset before the first event sent to it (empty: the log's start). */
    private final Map<R, Optional<String>> beforeFirstSent = new HashMap<>();

    /** The log's position before this node's first delivery, when it starts in the middle of a shared log. */
    void startsAfter(String offset) {
        if (lastDelivered.isEmpty()) {
            lastDelivered = Optional.of(offset);
        }
    }

    /** @return the last offset this node delivered (to whichever recipients) */
    Optional<String> lastDelivered() {
        return lastDelivered;
    }

    /** This node delivered {@code offset}. */
    void delivered(String offset) {
        lastDelivered = Optional.of(offset);
    }

    /** An event was sent to a recipient; {@code previous} is the log's offset before it. */
    void sent(R recipient, Optional<String> previous) {
        beforeFirstSent.putIfAbsent(recipient, previous);
    }

    /** Forgets a recipient whose restore was abandoned. */
    void drop(R recipient) {
        beforeFirstSent.remove(recipient);
    }

    /**
     * Forgets a recipient that is gone.
     *
     * @return the offset a replay for its client starts after; empty when that is the log's start
     */
    Optional<String> forget(R recipient) {
        Optional<String> beforeFirst = beforeFirstSent.remove(recipient);
        return beforeFirst != null ? beforeFirst : lastDelivered;
    }
}
