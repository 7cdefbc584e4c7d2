package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.event.EncodedPacket;

import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The WebSocket deliveries of one batch of events, one list per event loop. netty-socketio asks a client's event
 * loop to drain its packet queue once per packet sent, from the sending thread: for an event to a room of a hundred
 * sockets, a hundred tasks handed across threads. Here the delivering thread only lists each recipient and its
 * packet under the recipient's event loop, and {@link #flush} hands each loop its list once ({@link LoopDrains}: in
 * the task already waiting on that loop, if any). The loop then checks each recipient and writes to it, in the
 * order of the list ({@link LoopWrites}); the delivering thread touches nothing of the recipient's connection but
 * which loop it is on.
 *
 * <p>Used by one thread at a time, and again after each flush: its arrays are kept (up to
 * {@link Deliveries#REUSED_UP_TO} deliveries per event loop), so a steady stream of batches allocates nothing here.
 * Flush before leaving it, or the deliveries wait for the next batch's flush.
 */
public final class WriteBatch {

    private final Map<EventLoop, Deliveries> byLoop = new IdentityHashMap<>();
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

    /** Lists a delivery for {@code loop}, after those listed before it. */
    void add(EventLoop loop, LoopRecipient recipient, EncodedPacket packet) {
        Deliveries deliveries = byLoop.get(loop);
        if (deliveries == null) {
            deliveries = new Deliveries();
            byLoop.put(loop, deliveries);
        }
        deliveries.add(recipient, packet);
    }

    /** Hands every event loop concerned what this batch listed for it; the batch is then empty. */
    public void flush() {
        for (Map.Entry<EventLoop, Deliveries> loop : byLoop.entrySet()) {
            Deliveries deliveries = loop.getValue();
            if (deliveries.count() == 0) {
                continue;
            }
            drains.drain(loop.getKey(), deliveries, handedOver, events);
            deliveries.clear();
        }
        events = 0;
    }
}
