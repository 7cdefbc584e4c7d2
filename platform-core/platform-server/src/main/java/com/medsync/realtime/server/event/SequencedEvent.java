package com.medsync.realtime.server.event;

import java.util.Objects;

/**
 * An event as the broker sequenced it; offset is opaque to callers and ordered within the broker's log.
 * With connection state recovery on, the offset is what clients get as the last argument of the event and
 * send back when they reconnect.
 *
 * @param receivedNanos when this node's broker handed the event over ({@link System#nanoTime()}): accepted by
 *                      the memory broker, or read from the shared stream; the start of its delivery delay
 */
public record SequencedEvent(String offset, OutboundEvent event, long receivedNanos) {

    public SequencedEvent {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(event, "event");
    }

    /** An event handed over now. */
    public SequencedEvent(String offset, OutboundEvent event) {
        this(offset, event, System.nanoTime());
    }
}
