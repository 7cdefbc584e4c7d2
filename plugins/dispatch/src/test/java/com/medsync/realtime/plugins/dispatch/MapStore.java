package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.spi.store.KeyValueStore;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store without expiry, for unit tests. */
final class MapStore implements KeyValueStore {

    final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        values.put(key, value);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return values.putIfAbsent(key, value) == null;
    }

    @Override
    public synchronized boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
        if (!Optional.ofNullable(values.get(key)).equals(expected)) {
            return false;
        }
        values.put(key, value);
        return true;
    }

    @Override
    public boolean delete(String key) {
        return values.remove(key) != null;
    }
}
