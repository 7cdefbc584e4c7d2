package com.medsync.realtime.server.delivery;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where in the event log a replay must start for a recipient that loses its connection: the offset before the
 * first event this node sent it or, when it was sent none, the last offset this node delivered. Replaying from
 * there gives its client every event it may have missed, assuming it received none that this node sent.
 *
 * <p>Each recipient's own offset is kept on the recipient, in a field only this class uses, not in a table here:
 * it is asked for on every delivery to every recipient, and the recipient is in the cache then, where a table's
 * entry is not (a hash table lookup per delivery was 1.5% of the server's CPU with 100 recipients per event).
 *
 * <p>Not thread safe: guarded by its {@link LocalDelivery}.
 *
 * @param <R> the recipient
 */
final class ResumePositions<R> {

    /** A recipient's offset before the first event sent to it (empty: the log's start); null: sent nothing yet. */
    private final Function<R, Optional<String>> markOf;
    /** Sets that field; null forgets it. */
    private final BiConsumer<R, Optional<String>> mark;
    private Optional<String> lastDelivered = Optional.empty();

    ResumePositions(Function<R, Optional<String>> markOf, BiConsumer<R, Optional<String>> mark) {
        this.markOf = markOf;
        this.mark = mark;
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
        if (markOf.apply(recipient) == null) {
            mark.accept(recipient, previous);
        }
    }

    /** Forgets a recipient whose restore was abandoned. */
    void drop(R recipient) {
        mark.accept(recipient, null);
    }

    /**
     * Forgets a recipient that is gone.
     *
     * @return the offset a replay for its client starts after; empty when that is the log's start
     */
    Optional<String> forget(R recipient) {
        Optional<String> beforeFirst = markOf.apply(recipient);
        mark.accept(recipient, null);
        return beforeFirst != null ? beforeFirst : lastDelivered;
    }
}
