package com.medsync.realtime.server.testing;

import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.BrokerUnavailableException;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

import java.util.List;
import java.util.Optional;

/** Records what it accepts; refuses everything while {@link #down}, as a broker whose Redis is away. */
public final class RecordingBroker implements Broker {

    private final List<OutboundEvent> accepted;
    /** While true, every publish fails as with Redis away. */
    public volatile boolean down;

    public RecordingBroker(List<OutboundEvent> accepted) {
        this.accepted = accepted;
    }

    @Override
    public void publish(OutboundEvent event) {
        if (down) {
            throw new BrokerUnavailableException("Redis is away");
        }
        accepted.add(event);
    }

    @Override
    public Optional<List<SequencedEvent>> eventsAfter(String offset) {
        return Optional.empty();
    }

    @Override
    public Optional<String> lastOffset() {
        return Optional.empty();
    }
}
