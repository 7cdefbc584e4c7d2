package com.medsync.realtime.server.store;

import com.medsync.realtime.spi.store.KeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-node store: a concurrent map whose entries expire. Expired entries are dropped when read and
 * swept by {@link #evictExpired()}, which the server runs on a schedule so keys nobody reads again do not
 * pile up.
 */
public final class MemoryKeyValueStore implements KeyValueStore {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public MemoryKeyValueStore(Clock clock) {
        this.clock = clock;
    }

    public MemoryKeyValueStore() {
        this(Clock.systemUTC());
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

    private long now() {
        return clock.millis();
    }

    private long expiry(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        return now() + ttl.toMillis();
    }

    private record Entry(String value, long expiresAtMillis) {

        boolean expired(long now) {
            return now >= expiresAtMillis;
        }
    }
}
