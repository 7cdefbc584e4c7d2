package com.medsync.realtime.server.delivery;

/** The single-node broker: an accepted event is delivered to this node's sockets at once. */
public final class MemoryBroker implements Broker {

    private final LocalDelivery delivery;

    public MemoryBroker(LocalDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void publish(OutboundEvent event) {
        delivery.deliver(event);
    }
}
