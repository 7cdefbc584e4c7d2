package com.medsync.realtime.server.socket.engine;

import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.Collections;
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
 * <p>Used by one thread at a time; flush before dropping it, or the packets wait for the client's next write.
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
        byLoop.computeIfAbsent(loop, ignored -> Collections.newSetFromMap(new IdentityHashMap<>())).add(connection);
    }

    /** Asks every event loop concerned to write out what this batch queued for its clients. */
    public void flush() {
        long[] times = Arrays.copyOf(handedOver, events);
        byLoop.forEach((loop, connections) -> drains.drain(loop, connections, times));
        byLoop.clear();
        events = 0;
    }
}
