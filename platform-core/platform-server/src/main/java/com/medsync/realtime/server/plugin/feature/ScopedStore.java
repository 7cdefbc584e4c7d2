package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.spi.store.KeyValueStore;

import java.time.Duration;
import java.util.Optional;

/** One plugin's view of the platform store: its keys live under {@code plugin:<id>:}. */
final class ScopedStore implements KeyValueStore {

    private final KeyValueStore store;
    private final String prefix;

    ScopedStore(KeyValueStore store, String pluginId) {
        this.store = store;
        this.prefix = "plugin:" + pluginId + ":";
    }

    @Override
    public Optional<String> get(String key) {
        return store.get(prefix + key);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        store.put(prefix + key, value, ttl);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return store.putIfAbsent(prefix + key, value, ttl);
    }

    @Override
    public boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
        return store.replace(prefix + key, expected, value, ttl);
    }

    @Override
    public boolean delete(String key) {
        return store.delete(prefix + key);
    }
}
