package com.medsync.realtime.server.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The single-node broker: an accepted event gets the next offset and is delivered to this node's sockets at
 * once, in offset order. It keeps the events of the last {@code retention} (at most {@code maxRetained}) so
 * that {@link #eventsAfter} can answer.
 *
 * <p>Offsets are {@code <instance>-<sequence>}: the instance part is this broker's creation time, so an
 * offset handed out by a previous run of the process is unknown here rather than mistaken for a new one.
 */
public final class MemoryBroker implements Broker {

    /** The recovery window (two minutes) with a margin. */
    public static final Duration DEFAULT_RETENTION = Duration.ofSeconds(150);
    public static final int DEFAULT_MAX_RETAINED = 10_000;

    private final LocalDelivery delivery;
    private final Duration retention;
    private final int maxRetained;
    private final Clock clock;
    private final String instance;
    private final Deque<Retained> log = new ArrayDeque<>();
    private long sequence;

    public MemoryBroker(LocalDelivery delivery) {
        this(delivery, DEFAULT_RETENTION, DEFAULT_MAX_RETAINED, Clock.systemUTC());
    }

    public MemoryBroker(LocalDelivery delivery, Duration retention, int maxRetained, Clock clock) {
        if (retention.isNegative() || retention.isZero() || maxRetained < 1) {
            throw new IllegalArgumentException("retention and maxRetained must be positive");
        }
        this.delivery = delivery;
        this.retention = retention;
        this.maxRetained = maxRetained;
        this.clock = clock;
        this.instance = Long.toString(clock.millis(), 36);
    }

    /** Sequencing and delivery happen under one lock, so concurrent publishers cannot deliver out of order. */
    @Override
    public synchronized void publish(OutboundEvent event) {
        long now = clock.millis();
        SequencedEvent sequenced = new SequencedEvent(instance + "-" + ++sequence, event);
        log.addLast(new Retained(sequence, now, sequenced));
        trim(now);
        delivery.deliver(sequenced);
    }

    @Override
    public synchronized Optional<List<SequencedEvent>> eventsAfter(String offset) {
        Optional<Long> after = sequenceOf(offset);
        if (after.isEmpty() || after.get() > sequence) {
            return Optional.empty();
        }
        trim(clock.millis());
        long firstHeld = log.isEmpty() ? sequence + 1 : log.peekFirst().sequence();
        if (after.get() + 1 < firstHeld) {
            return Optional.empty();
        }
        List<SequencedEvent> events = new ArrayList<>();
        for (Retained retained : log) {
            if (retained.sequence() > after.get()) {
                events.add(retained.event());
            }
        }
        return Optional.of(events);
    }

    @Override
    public synchronized Optional<String> lastOffset() {
        trim(clock.millis());
        return log.isEmpty() ? Optional.empty() : Optional.of(log.peekLast().event().offset());
    }

    private Optional<Long> sequenceOf(String offset) {
        String prefix = instance + "-";
        if (offset == null || !offset.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(offset.substring(prefix.length()));
            return value < 0 ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void trim(long now) {
        while (!log.isEmpty() && (log.size() > maxRetained || now - log.peekFirst().acceptedAtMillis() > retention.toMillis())) {
            log.removeFirst();
        }
    }

    private record Retained(long sequence, long acceptedAtMillis, SequencedEvent event) {
    }
}
