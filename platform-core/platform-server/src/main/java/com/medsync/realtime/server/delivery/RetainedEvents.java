package com.medsync.realtime.server.delivery;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

/**
 * The memory broker's log: every accepted event gets the next offset, and the most recent ones are kept for
 * connection state recovery, no older than the retention and no more than a maximum count.
 *
 * <p>An offset is {@code <epoch>-<sequence>}: the sequence increases by one per event, and the epoch is
 * random per log, so an offset a client kept from a previous run of the server is unknown here rather than
 * mistaken for one of this run's events.
 */
final class RetainedEvents {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String epoch;
    private final Duration retention;
    private final int maxEvents;
    private final Clock clock;
    private final Deque<Held> held = new ArrayDeque<>();
    private long lastSequence;

    /**
     * @param retention how long an event stays replayable
     * @param maxEvents how many events stay replayable at most; 0 keeps none (offsets are still assigned)
     */
    RetainedEvents(Duration retention, int maxEvents, Clock clock) {
        if (retention.isNegative() || maxEvents < 0) {
            throw new IllegalArgumentException("retention and maxEvents must not be negative");
        }
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        this.epoch = HexFormat.of().formatHex(bytes);
        this.retention = retention;
        this.maxEvents = maxEvents;
        this.clock = clock;
    }

    /** The offset before the first event: everything the log ever accepted comes after it. */
    String origin() {
        return epoch + "-0";
    }

    /**
     * The event made ready to {@link #append}: its payload already in the form the log holds. Serializing is the
     * costly part of appending, and the broker calls this before taking its sequencing lock.
     */
    Pending prepare(OutboundEvent event) {
        return new Pending(event, maxEvents > 0 ? CompactEvent.Payload.of(event) : null);
    }

    synchronized SequencedEvent append(Pending pending) {
        long sequence = ++lastSequence;
        SequencedEvent sequenced = new SequencedEvent(epoch + "-" + sequence, pending.event());
        if (pending.payload() != null) {
            held.addLast(new Held(sequence, clock.millis(), new CompactEvent(sequenced, pending.payload())));
        }
        trim();
        return sequenced;
    }

    /** @return the events after {@code offset}, when every one of them is still held */
    Optional<List<SequencedEvent>> after(String offset) {
        List<CompactEvent> missed;
        synchronized (this) {
            trim();
            long sequence = sequenceOf(offset);
            // Every event after `sequence` is held when the oldest held one directly follows it (or none follows).
            long oldestHeld = held.isEmpty() ? lastSequence + 1 : held.peekFirst().sequence();
            if (sequence < 0 || sequence > lastSequence || sequence < oldestHeld - 1) {
                return Optional.empty();
            }
            missed = new ArrayList<>((int) (lastSequence - sequence));
            for (Held entry : held) {
                if (entry.sequence() > sequence) {
                    missed.add(entry.event());
                }
            }
        }
        // Parsing is the costly part of a replay; publishers need not wait for it.
        return Optional.of(missed.stream().map(CompactEvent::inflate).toList());
    }

    synchronized Optional<String> last() {
        trim();
        return held.isEmpty() ? Optional.empty() : Optional.of(held.peekLast().event().offset());
    }

    synchronized int size() {
        return held.size();
    }

    /** @return the sequence number of one of this log's offsets, or -1 for anything else */
    private long sequenceOf(String offset) {
        int dash = offset.indexOf('-');
        if (dash != epoch.length() || !offset.startsWith(epoch)) {
            return -1;
        }
        String digits = offset.substring(dash + 1);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private void trim() {
        // An event exactly as old as the retention is gone, as a store entry is at its expiry.
        long oldestKept = clock.millis() - retention.toMillis();
        while (!held.isEmpty() && (held.size() > maxEvents || held.peekFirst().acceptedAtMillis() <= oldestKept)) {
            held.removeFirst();
        }
    }

    /** An event and what the log holds of its payload (null: nothing, recovery off). */
    record Pending(OutboundEvent event, CompactEvent.Payload payload) {
    }

    private record Held(long sequence, long acceptedAtMillis, CompactEvent event) {
    }
}
