package com.medsync.realtime.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Redis's clock as seen from this node: the node's own clock plus how far Redis's was ahead of it at the last
 * {@code TIME}, read again once the reading is older than {@code refresh}.
 *
 * <p>Stream ids carry Redis's time, so a trim by {@code MINID} must be computed on Redis's clock. Computed on the
 * node's, one node whose clock runs ahead by more than the retention would trim every entry it publishes and
 * every other node's with it, and no socket in the cluster could resume. A clock that drifts a few ms per
 * refresh moves the trim by as much, which the retention (minutes) absorbs.
 *
 * <p>Not synchronized: two threads that both find the reading stale both read {@code TIME}, and either answer
 * will do.
 */
final class RedisTime {

    private final LongSupplier redisMillis;
    private final Clock local;
    private final long refreshMillis;
    private volatile long aheadMillis;
    private volatile long readAtMillis;
    private volatile boolean read;

    /**
     * @param redisMillis reads Redis's {@code TIME}, in ms; may throw what the Redis client throws
     * @param local the node's clock
     * @param refresh how old a reading may get before it is read again
     */
    RedisTime(LongSupplier redisMillis, Clock local, Duration refresh) {
        this.redisMillis = redisMillis;
        this.local = local;
        this.refreshMillis = refresh.toMillis();
    }

    /** @return Redis's time now, in ms (from the last reading, or from a new one when that is stale) */
    long millis() {
        long now = local.millis();
        if (!read || now - readAtMillis >= refreshMillis || now < readAtMillis) {
            // The half round trip is left out: it is well under the ms that the stream ids resolve.
            aheadMillis = redisMillis.getAsLong() - local.millis();
            readAtMillis = now;
            read = true;
            now = local.millis();
        }
        return now + aheadMillis;
    }

    /** Parses the answer of Redis's {@code TIME}: seconds and microseconds, as two strings. */
    static long millisOf(List<String> time) {
        if (time == null || time.size() < 2) {
            throw new IllegalArgumentException("TIME answered " + time + ", not [seconds, microseconds]");
        }
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
