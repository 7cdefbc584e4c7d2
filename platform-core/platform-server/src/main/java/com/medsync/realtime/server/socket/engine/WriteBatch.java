package com.medsync.realtime.server.socket.engine;

import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket writes of one batch of deliveries, one drain per event loop. netty-socketio asks a client's event loop to
 * drain its packet queue once per packet sent, from the sending thread: for an event to a room of a hundred
 * sockets, a hundred tasks handed across threads. Here each packet joins its client's queue at once, in order
 * with everything else sent to that client, and {@link #flush} has each event loop drain the queues of all of
 * its clients the batch reached, once ({@link LoopDrains}: in the task already waiting on that loop, if any).
 *
 * <p>Used by one thread at a time, and again after each flush: its sets keep their tables (up to
 * {@link LoopDrain#REUSED_UP_TO} connections per event loop), so a steady stream of batches allocates nothing here. Flush before leaving it, or the packets wait for the client's next write.
 */
public final class WriteBatch {

    /** Per event loop, its connections that have packets waiting: each drained once, however many it was sent. */
    private final Map<EventLoop, Set<EngineConnection>> byLoop = new IdentityHashMap<>();
    private final LoopDrains drains;
    private long[] handedOver = new long[8];
    private int events;

    WriteBatch(LoopDrains drains) {
        this.drains = drains;
    }

    /** An event of this batch, handed over to delivery at {@code handedOverNanos} ({@link System#nanoTime()}). */
    public void carries(long handedOverNanos) {
        if (events == handedOver.length) {
            handedOver = Arrays.copyOf(handedOver, events * 2);
        }
        handedOver[events++] = handedOverNanos;
    }

    void drainLater(EventLoop loop, EngineConnection connection) {
        byLoop.computeIfAbsent(loop, ignored -> LoopDrain.newConnectionSet()).add(connection);
    }

    /** Asks every event loop concerned to write out what this batch queued for its clients; the batch is then empty. */
    public void flush() {
        for (Map.Entry<EventLoop, Set<EngineConnection>> loop : byLoop.entrySet()) {
            Set<EngineConnection> connections = loop.getValue();
            if (connections.isEmpty()) {
                continue;
            }
            drains.drain(loop.getKey(), connections, handedOver, events);
            loop.setValue(LoopDrain.emptied(connections));
        }
        events = 0;
    }
}
