package com.medsync.realtime.server.socket.engine;

import io.netty.channel.EventLoop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The drains the delivery hands to the connection threads, at most one task waiting per event loop.
 *
 * <p>When the delivery hands batches over faster than an event loop runs their tasks (at saturation), a task per
 * batch would leave a queue of tasks behind, each waking up for a few deliveries, and each task's delay measured
 * from its place in that queue rather than from when the bytes went out. So a batch whose event loop already has
 * a drain waiting joins it: the waiting task sends the deliveries of every batch that joined it, in order, a
 * client sent several events gets them in one write, and the task records the delay of every event it carries
 * when it has written them.
 *
 * <p>Shared by the delivering thread (one at a time) and the event loops.
 */
public final class LoopDrains {

    private final LongConsumer writtenAfter;
    private final Map<EventLoop, LoopDrain<LoopRecipient>> pending = new ConcurrentHashMap<>();

    /** @param writtenAfter told, per event and event loop, how many nanoseconds after its hand-over it was written */
    public LoopDrains(LongConsumer writtenAfter) {
        this.writtenAfter = writtenAfter;
    }

    /** A batch to fill and flush, again and again, from one thread at a time. */
    public WriteBatch batch() {
        return new WriteBatch(this);
    }

    /**
     * Has {@code loop} send {@code deliveries}, in its waiting task if it has one, else in a new one.
     *
     * @param handedOver when each event of the batch was handed over ({@link System#nanoTime()}): its first
     *                   {@code events}
     */
    void drain(EventLoop loop, Deliveries deliveries, long[] handedOver, int events) {
        pending.computeIfAbsent(loop, ignored -> new LoopDrain<>(loop, new LoopWrites(), writtenAfter))
                .add(deliveries, handedOver, events);
    }

}
