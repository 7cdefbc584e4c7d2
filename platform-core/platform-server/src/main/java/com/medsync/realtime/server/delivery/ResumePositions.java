package com.medsync.realtime.server.delivery;

import java.util.Optional;

/**
 * Where in the event log a replay must start for a recipient that loses its connection: the offset before the
 * first event this node sent it or, when it was sent none, the last offset this node delivered. Replaying from
 * there gives its client every event it may have missed, assuming it received none that this node sent.
 *
 * <p>Each recipient's own offset is kept on the recipient ({@link Marks}), not in a table here: it is asked for
 * on every delivery to every recipient, and the recipient is in the cache then, where a table's entry is not
 * (a hash table lookup per delivery was 1.5% of the server's CPU with 100 recipients per event).
 *
 * <p>Not thread safe: guarded by its {@link LocalDelivery}.
 *
 * @param <R> the recipient
 */
final class ResumePositions<R> {

    /**
     * Reads and writes a recipient's offset before the first event this node sent it, a field of the recipient
     * that only this class uses.
     */
    interface Marks<R> {
        /** @return the offset (empty: the log's start), or null when it was sent nothing yet */
        Optional<String> beforeFirstSent(R recipient);

        /** @param offset the offset, or null to forget it */
        void beforeFirstSent(R recipient, Optional<String> offset);
    }

    private final Marks<R> marks;
    private Optional<String> lastDelivered = Optional.empty();

    ResumePositions(Marks<R> marks) {
        this.marks = marks;
    }

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
        if (marks.beforeFirstSent(recipient) == null) {
            marks.beforeFirstSent(recipient, previous);
        }
    }

    /** Forgets a recipient whose restore was abandoned. */
    void drop(R recipient) {
        marks.beforeFirstSent(recipient, null);
    }

    /**
     * Forgets a recipient that is gone.
     *
     * @return the offset a replay for its client starts after; empty when that is the log's start
     */
    Optional<String> forget(R recipient) {
        Optional<String> beforeFirst = marks.beforeFirstSent(recipient);
        marks.beforeFirstSent(recipient, null);
        return beforeFirst != null ? beforeFirst : lastDelivered;
    }
}
