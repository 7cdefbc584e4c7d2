package com.medsync.realtime.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The last {@code capacity} entries of a stream, for tails an operator reads now and then while writers run at
 * full speed. Writing is one atomic increment and one array store, without a lock: a writer never waits for a
 * reader or another writer. Each entry carries its sequence number (from 1), so a reader tells a slot written for
 * the number it wants from one already overwritten by a later writer, and leaves the latter out.
 */
final class Ring<T> {

    private final int capacity;
    private final AtomicReferenceArray<T> slots;
    private final ToLongFunction<T> sequenceOf;
    private final AtomicLong written = new AtomicLong();

    /** @param sequenceOf the sequence number an entry was made with */
    Ring(int capacity, ToLongFunction<T> sequenceOf) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.sequenceOf = sequenceOf;
    }

    /**
     * @param entry makes the entry for the sequence number it is given
     * @return that sequence number
     */
    long add(LongFunction<T> entry) {
        long sequence = written.incrementAndGet();
        slots.set(slot(sequence), entry.apply(sequence));
        return sequence;
    }

    /** @return the sequence number of the newest entry, 0 when there is none */
    long last() {
        return written.get();
    }

    /** @return entries with a sequence number above {@code after}, oldest first, at most {@code limit} of them */
    List<T> after(long after, int limit) {
        long last = written.get();
        long from = Math.max(after + 1, last - capacity + 1);
        List<T> entries = new ArrayList<>((int) Math.min(limit, Math.max(0, last - from + 1)));
        for (long sequence = from; sequence <= last && entries.size() < limit; sequence++) {
            entryOf(sequence, entries);
        }
        return entries;
    }

    /** @return the newest entries, newest first, at most {@code limit} of them */
    List<T> newestFirst(int limit) {
        long last = written.get();
        long to = Math.max(1, last - capacity + 1);
        List<T> entries = new ArrayList<>((int) Math.min(limit, last));
        for (long sequence = last; sequence >= to && entries.size() < limit; sequence--) {
            entryOf(sequence, entries);
        }
        return entries;
    }

    /** Adds the entry of {@code sequence} when its slot still holds it (not yet overwritten, already written). */
    private void entryOf(long sequence, List<T> entries) {
        T entry = slots.get(slot(sequence));
        if (entry != null && sequenceOf.applyAsLong(entry) == sequence) {
            entries.add(entry);
        }
    }

    private int slot(long sequence) {
        return (int) ((sequence - 1) % capacity);
    }
}
