package com.medsync.realtime.server.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * How far this node's stream reader is behind the cluster's event stream: the entries after the last one it
 * delivered (counted up to a cap, so a node far behind costs Redis a bounded read), and how long the oldest of them
 * has waited, by Redis's own clock (a stream entry's id starts with the Redis time it was added, in ms).
 *
 * @param events behind, at most {@link #COUNT_CAP}
 * @param capped whether there are more than {@code events}
 * @param oldest how long the oldest undelivered entry has waited; zero when none waits
 */
record StreamLag(int events, boolean capped, Duration oldest) {

    /** The most entries counted: enough to tell a lag from a blip, bounded for a node far behind. */
    static final int COUNT_CAP = 1000;

    static final StreamLag NONE = new StreamLag(0, false, Duration.ZERO);

    /**
     * @param redisNowMillis        Redis's clock ({@code TIME}), in ms
     * @param firstUndeliveredId    the id of the oldest entry after the last delivered one, if any
     * @param undeliveredReadCount  how many entries a read of at most {@code COUNT_CAP + 1} found after it
     */
    static StreamLag of(long redisNowMillis, Optional<String> firstUndeliveredId, int undeliveredReadCount) {
        if (firstUndeliveredId.isEmpty()) {
            return NONE;
        }
        long waited = Math.max(0, redisNowMillis - millisOf(firstUndeliveredId.get()));
        return new StreamLag(Math.min(undeliveredReadCount, COUNT_CAP), undeliveredReadCount > COUNT_CAP,
                Duration.ofMillis(waited));
    }

    /** The Redis time, in ms, at which a stream entry was added: the first part of its id ({@code 1700000000000-3}). */
    static long millisOf(String streamId) {
        int dash = streamId.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream entry id: " + streamId, e);
        }
    }
}
