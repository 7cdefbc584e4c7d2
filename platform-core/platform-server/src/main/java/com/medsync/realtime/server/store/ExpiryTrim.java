package com.medsync.realtime.server.store;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Brings an over-full {@link MemoryKeyValueStore} down to a target size as Redis's {@code volatile-ttl} policy
 * does: expired entries first, then the live entries closest to expiring, whose loss costs the least remaining
 * usefulness. Two passes over the map and a selection (not a sort) over their expiry times: linear in the
 * number of entries.
 */
final class ExpiryTrim {

    private ExpiryTrim() {
    }

    /** @return how many live entries it dropped (expired ones are not counted) */
    static int trim(ConcurrentMap<String, MemoryKeyValueStore.Entry> entries, long now, int target) {
        // Writers carry on meanwhile: a little room so the snapshot rarely grows.
        long[] expiries = new long[entries.size() + 64];
        int live = 0;
        for (Map.Entry<String, MemoryKeyValueStore.Entry> mapping : entries.entrySet()) {
            MemoryKeyValueStore.Entry entry = mapping.getValue();
            if (entry.expired(now)) {
                entries.remove(mapping.getKey(), entry);
            } else {
                if (live == expiries.length) {
                    expiries = Arrays.copyOf(expiries, live + live / 2);
                }
                expiries[live++] = entry.expiresAtMillis();
            }
        }
        int excess = live - target;
        if (excess <= 0) {
            return 0;
        }
        long threshold = smallest(expiries, live, excess - 1);
        int earlier = 0;
        for (int i = 0; i < live; i++) {
            if (expiries[i] < threshold) {
                earlier++;
            }
        }
        // Entries expiring at the threshold itself are many when written in the same millisecond with one TTL:
        // only as many of them go as the excess needs.
        int atThreshold = excess - earlier;
        int evicted = 0;
        for (Map.Entry<String, MemoryKeyValueStore.Entry> mapping : entries.entrySet()) {
            if (evicted == excess) {
                break;
            }
            MemoryKeyValueStore.Entry entry = mapping.getValue();
            long expiry = entry.expiresAtMillis();
            boolean tie = expiry == threshold;
            // remove(key, entry): an entry rewritten since the snapshot is a fresh one and stays.
            if ((expiry < threshold || tie && atThreshold > 0) && entries.remove(mapping.getKey(), entry)) {
                evicted++;
                if (tie) {
                    atThreshold--;
                }
            }
        }
        return evicted;
    }

    /**
     * Quickselect with a three-way partition, so the long runs of equal expiry times a burst of writes makes do
     * not degrade it to quadratic time.
     *
     * @return the {@code k}-th smallest (from 0) of the first {@code length} values, which it reorders
     */
    static long smallest(long[] values, int length, int k) {
        if (k < 0 || k >= length) {
            throw new IllegalArgumentException("k must be in [0, " + length + "), got " + k);
        }
        int low = 0;
        int high = length - 1;
        while (true) {
            long pivot = values[ThreadLocalRandom.current().nextInt(low, high + 1)];
            // values[low, less) < pivot, values[less, i) == pivot, values(greater, high] > pivot
            int less = low;
            int greater = high;
            int i = low;
            while (i <= greater) {
                if (values[i] < pivot) {
                    swap(values, less++, i++);
                } else if (values[i] > pivot) {
                    swap(values, i, greater--);
                } else {
                    i++;
                }
            }
            if (k < less) {
                high = less - 1;
            } else if (k > greater) {
                low = greater + 1;
            } else {
                return pivot;
            }
        }
    }

    private static void swap(long[] values, int a, int b) {
        long held = values[a];
        values[a] = values[b];
        values[b] = held;
    }
}
