package com.medsync.realtime.server.delivery;

/**
 * Carries published events to every node that may have matching sockets. One node: straight to local
 * delivery. Several nodes: through a shared broker (Redis), each node routing to its own sockets.
 */
public interface Broker extends AutoCloseable {

    /** Hands an event over for delivery; returns once the broker has accepted it. */
    void publish(OutboundEvent event);

    @Override
    default void close() {
    }
}
