package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.event.EncodedPacket;

/**
 * A recipient of batched deliveries whose checks (is it still connected, does its client keep up) run on its
 * connection's event loop, just before the write, rather than on the delivering thread: the loop reads the
 * connection's state for the write anyway, and one core touching a recipient's objects costs one set of cache
 * misses where two cores touching them cost two, and a transfer between them.
 */
public interface LoopRecipient {

    /** On the connection's event loop: checks the recipient still takes packets, and if so hands it to {@code writes}. */
    void sendOnLoop(EncodedPacket packet, LoopWrites writes);

    /**
     * On the connection's event loop, before a run of {@link #sendOnLoop} calls: reads what they will read, and so
     * brings it into the cache, for all the run's recipients one after the other.
     *
     * @return anything computed from what was read, for the caller to keep (else the reads could be left out)
     */
    int prefetch();
}
