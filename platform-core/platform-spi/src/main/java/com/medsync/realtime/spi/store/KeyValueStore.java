package com.medsync.realtime.spi.store;

import java.time.Duration;
import java.util.Optional;

/**
 * The platform's key-value store with expiry: in memory on one node, shared (Redis) in a cluster. Values
 * are strings (JSON, as a rule) so that every backend stores them the same way. Keys are namespaced by
 * the platform per owner; callers need not add prefixes of their own.
 */
public interface KeyValueStore {

    /**
     * Every method may throw {@link StoreUnavailableException} when a shared store cannot be reached.
     *
     * @return the live value of a key, or empty when absent or expired
     */
    Optional<String> get(String key);

    /** Sets a key, replacing any value, to expire after {@code ttl}. */
    void put(String key, String value, Duration ttl);

    /**
     * Sets a key only if it holds no live value: the building block of idempotency keys.
     *
     * @return true when this call set the key
     */
    boolean putIfAbsent(String key, String value, Duration ttl);

    /** @return true when a live value was removed */
    boolean delete(String key);

    /**
     * Compare-and-set: sets a key to {@code value} only if its live value is still {@code expected} (empty:
     * only if it has none), as one atomic step on every node of a cluster. The building block of
     * read-modify-write updates that must not lose a concurrent writer's change: read, compute, replace,
     * and read again when this answers false.
     *
     * <p>Added after the first SPI release; stores written before it do not support it.
     *
     * @return true when this call set the key
     * @throws UnsupportedOperationException when the store does not support it
     */
    default boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support replace");
    }
}
