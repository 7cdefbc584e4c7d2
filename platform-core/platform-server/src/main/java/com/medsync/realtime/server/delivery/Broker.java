package com.medsync.realtime.server.delivery;

import java.util.List;
import java.util.Optional;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

/**
 * Carries published events to every node that may have matching sockets, sequenced in one log. One node:
 * an in-memory log delivering straight to local delivery. Several nodes: a shared log (Redis), each node
 * routing to its own sockets. The log is also what connection state recovery replays from.
 */
public interface Broker extends AutoCloseable {

    /**
     * Accepts an event for delivery on every node (each node's LocalDelivery gets it once, as a
     * SequencedEvent, in offset order); returns once accepted.
     *
     * @throws BrokerUnavailableException when it cannot accept durably
     */
    void publish(OutboundEvent event);

    /**
     * Every event accepted after {@code offset}, in order, when the broker still holds all of them (within
     * its retention); empty when the offset is unknown, trimmed or too old.
     */
    Optional<List<SequencedEvent>> eventsAfter(String offset);

    /** Offset of the most recent event accepted, empty when none is held. */
    Optional<String> lastOffset();

    @Override
    default void close() {
    }
}
