package com.medsync.realtime.testkit;

import com.medsync.realtime.spi.store.KeyValueStore;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link KeyValueStore} in a map, for unit tests of a plugin's handlers: what the platform hands a plugin,
 * without expiry (a TTL is accepted and ignored) and without a running server. {@link #entries()} shows what the
 * plugin stored.
 */
public final class MemoryStore implements KeyValueStore {

    private final Map<String, String> entries = new ConcurrentHashMap<>();

    /** @return the entries stored so far, live */
    public Map<String, String> entries() {
        return entries;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
        return expected.isEmpty() ? entries.putIfAbsent(key, value) == null
                : entries.replace(key, expected.get(), value);
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(key) != null;
    }
}
