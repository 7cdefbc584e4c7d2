package com.medsync.realtime.server.delivery;

import java.util.Objects;

/**
 * An event as the broker sequenced it; offset is opaque to callers and ordered within the broker's log.
 * With connection state recovery on, the offset is what clients get as the last argument of the event and
 * send back when they reconnect.
 */
public record SequencedEvent(String offset, OutboundEvent event) {

    public SequencedEvent {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(event, "event");
    }
}
