package com.medsync.realtime.server.socket.engine;

import io.netty.channel.EventLoop;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The drains the delivery hands to the connection threads, at most one task waiting per event loop.
 *
 * <p>A batch's packets join their clients' queues at once, and any drain of a client writes everything its
 * queue holds. When the delivery hands batches over faster than an event loop runs their tasks (at
 * saturation), a task per batch would leave a queue of tasks behind, each walking its connections to find
 * their packets already written by an earlier one: CPU spent on nothing, and each task's delay measured from
 * its place in that queue rather than from when the bytes went out. So a batch whose event loop already has a
 * drain waiting joins it: the waiting task drains the union of the connections, and records the delay of every
 * event it carries when it has written them.
 *
 * <p>Shared by the delivering thread (one at a time) and the event loops.
 */
public final class LoopDrains {

    private final LongConsumer writtenAfter;
    private final Map<EventLoop, LoopDrain<EngineConnection>> pending = new ConcurrentHashMap<>();

    /** @param writtenAfter told, per event and event loop, how many nanoseconds after its hand-over it was written */
    public LoopDrains(LongConsumer writtenAfter) {
        this.writtenAfter = writtenAfter;
    }

    /** A batch to fill and flush, again and again, from one thread at a time. */
    public WriteBatch batch() {
        return new WriteBatch(this);
    }

    /**
     * Has {@code loop} drain {@code connections}, in its waiting task if it has one, else in a new one.
     *
     * @param handedOver when each event of the batch was handed over ({@link System#nanoTime()}): its first
     *                   {@code events}
     */
    void drain(EventLoop loop, Set<EngineConnection> connections, long[] handedOver, int events) {
        pending.computeIfAbsent(loop, ignored -> new LoopDrain<>(loop, EngineConnection::drainWebSocket, writtenAfter))
                .add(connections, handedOver, events);
    }

}
