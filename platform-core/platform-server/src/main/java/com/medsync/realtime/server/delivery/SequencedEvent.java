package com.medsync.realtime.server.delivery;

import java.util.Objects;

/**
 * An event as the broker sequenced it; offset is opaque to callers and ordered within the broker's log.
 *
 * @param offset the event's position in the broker's log
 * @param event  the event
 */
public record SequencedEvent(String offset, OutboundEvent event) {

    public SequencedEvent {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(event, "event");
    }
}
