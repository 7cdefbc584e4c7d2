package com.medsync.realtime.server.lease;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Leases of a single node (memory store): the node is their only contender, so it always acquires them. Expiry and
 * tokens behave as in Redis, on the given monotonic clock, so tests can pit several holders against each other.
 */
public final class MemoryLeaseStore implements LeaseStore {

    private record Entry(String holder, long token, long expiresAtNanos) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Entry> leases = new HashMap<>();
    private final Map<String, Long> lastTokens = new HashMap<>();

    public MemoryLeaseStore(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized OptionalLong acquire(String lease, String holder, Duration ttl) {
        if (live(lease) != null) {
            return OptionalLong.empty();
        }
        long token = lastTokens.merge(lease, 1L, Long::sum);
        leases.put(lease, new Entry(holder, token, nanoTime.getAsLong() + ttl.toNanos()));
        return OptionalLong.of(token);
    }

    @Override
    public synchronized boolean renew(String lease, String holder, long token, Duration ttl) {
        Entry entry = live(lease);
        if (entry == null || !entry.holder().equals(holder) || entry.token() != token) {
            return false;
        }
        leases.put(lease, new Entry(holder, token, nanoTime.getAsLong() + ttl.toNanos()));
        return true;
    }

    @Override
    public synchronized void release(String lease, String holder, long token) {
        Entry entry = live(lease);
        if (entry != null && entry.holder().equals(holder) && entry.token() == token) {
            leases.remove(lease);
        }
    }

    private Entry live(String lease) {
        Entry entry = leases.get(lease);
        if (entry != null && nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
            leases.remove(lease);
            return null;
        }
        return entry;
    }
}
