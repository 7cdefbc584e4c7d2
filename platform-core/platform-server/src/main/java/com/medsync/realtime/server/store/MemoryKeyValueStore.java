package com.medsync.realtime.server.store;

import com.medsync.realtime.spi.store.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one-node store: a concurrent map whose entries expire. Expired entries are dropped when read and
 * swept by {@link #evictExpired()}, which the server runs on a schedule so keys nobody reads again do not
 * pile up.
 *
 * <p>Its size is capped as Redis's {@code maxmemory} with the {@code volatile-ttl} policy caps a Redis: a write
 * that takes the store past {@code maxEntries} entries hands a trim to the {@code trimmer} executor, which drops
 * expired entries, then those soonest to expire, down to nine tenths of the cap ({@link ExpiryTrim}). Writes
 * themselves never wait nor fail for the cap, so the store may hold a few more entries than it until the trim
 * has run.
 */
public final class MemoryKeyValueStore implements KeyValueStore {

    private static final Logger log = LoggerFactory.getLogger(MemoryKeyValueStore.class);
    /** The setting that sets the cap, named in the trim's warning. */
    private static final String MAX_ENTRIES_SETTING = "medsync.store.memory-max-entries";
    /** A small cap under steady writes trims often: the log gets one warning a minute at most. */
    private static final long WARNING_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    /**
     * Trimming to a tenth below the cap, rather than to the cap, makes a trim (linear in the size) at most
     * once per tenth of the cap in writes: constant work per write, on average.
     */
    private final int lowWater;
    private final Executor trimmer;
    private final AtomicBoolean trimPending = new AtomicBoolean();
    private final AtomicLong evictions = new AtomicLong();
    // Trims never overlap (one pending or running at a time), so these two need no synchronisation of their own.
    private long unreportedEvictions;
    private long lastWarningMillis;

    /**
     * @param maxEntries the cap (at least 1)
     * @param trimmer    where trims run: the server's housekeeping thread, never a writer's
     */
    public MemoryKeyValueStore(Clock clock, int maxEntries, Executor trimmer) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.lowWater = maxEntries - maxEntries / 10;
        this.trimmer = trimmer;
        this.lastWarningMillis = now() - WARNING_INTERVAL_MILLIS;
    }

    /** A store without a cap worth the name (as many entries as a map holds), for tests of its users. */
    public MemoryKeyValueStore(Clock clock) {
        this(clock, Integer.MAX_VALUE, Runnable::run);
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expired(now())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, expiry(ttl)));
        trimIfOverCap();
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        long now = now();
        Entry fresh = new Entry(value, expiry(ttl));
        boolean[] stored = {false};
        entries.compute(key, (k, current) -> {
            if (current == null || current.expired(now)) {
                stored[0] = true;
                return fresh;
            }
            return current;
        });
        trimIfOverCap();
        return stored[0];
    }

    @Override
    public boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
        long now = now();
        Entry fresh = new Entry(value, expiry(ttl));
        boolean[] stored = {false};
        entries.compute(key, (k, current) -> {
            Optional<String> live = current == null || current.expired(now) ? Optional.empty()
                    : Optional.of(current.value);
            if (live.equals(expected)) {
                stored[0] = true;
                return fresh;
            }
            return current;
        });
        trimIfOverCap();
        return stored[0];
    }

    @Override
    public boolean delete(String key) {
        Entry removed = entries.remove(key);
        return removed != null && !removed.expired(now());
    }

    /** Drops every expired entry. */
    public void evictExpired() {
        long now = now();
        entries.entrySet().removeIf(entry -> entry.getValue().expired(now));
    }

    public int size() {
        return entries.size();
    }

    /** @return the live entries dropped so far to keep to the cap (expired ones are not counted) */
    public long evictions() {
        return evictions.get();
    }

    /** Outside any compute: a trim run in place (a direct executor) would otherwise modify the map it is in. */
    private void trimIfOverCap() {
        // ConcurrentHashMap.size() sums a few counter cells: no walk over the entries on the writer's thread.
        if (entries.size() <= maxEntries || !trimPending.compareAndSet(false, true)) {
            return;
        }
        try {
            trimmer.execute(this::trim);
        } catch (RejectedExecutionException e) {
            // The server is stopping: the write stands, and nothing is left to trim for.
            trimPending.set(false);
        }
    }

    private void trim() {
        try {
            long now = now();
            int evicted = ExpiryTrim.trim(entries, now, lowWater);
            evictions.addAndGet(evicted);
            unreportedEvictions += evicted;
            if (unreportedEvictions > 0 && now - lastWarningMillis >= WARNING_INTERVAL_MILLIS) {
                log.warn("The memory store is at its cap of {} entries: dropped the {} live entries closest to "
                        + "expiring since the last such warning (one a minute at most); raise {} (or use the redis "
                        + "store) to keep them", maxEntries, unreportedEvictions, MAX_ENTRIES_SETTING);
                unreportedEvictions = 0;
                lastWarningMillis = now;
            }
        } finally {
            trimPending.set(false);
        }
        // Writers that crossed the cap while this ran found a trim pending and left the work to it.
        trimIfOverCap();
    }

    private long now() {
        return clock.millis();
    }

    private long expiry(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        return now() + ttl.toMillis();
    }

    /** Package-private for {@link ExpiryTrim}. */
    record Entry(String value, long expiresAtMillis) {

        boolean expired(long now) {
            return now >= expiresAtMillis;
        }
    }
}
