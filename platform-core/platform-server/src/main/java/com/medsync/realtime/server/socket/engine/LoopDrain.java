package com.medsync.realtime.server.socket.engine;

import io.netty.channel.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One event loop's drain (see {@link LoopDrains}): the connections waiting for it and the hand-over times of the
 * events they were sent, and whether its task is already queued on the loop. A drain added while the task waits
 * joins it; one added after the task took what was waiting queues the task again.
 *
 * @param <C> a connection, drained by {@code drain}
 */
class LoopDrain<C> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LoopDrain.class);

    private final EventLoop loop;
    private final Consumer<C> drain;
    private final LongConsumer writtenAfter;
    // Guarded by this.
    private Set<C> connections = newConnectionSet();
    private long[] handedOver = new long[64];
    private int events;
    private boolean queued;

    LoopDrain(EventLoop loop, Consumer<C> drain, LongConsumer writtenAfter) {
        this.loop = loop;
        this.drain = drain;
        this.writtenAfter = writtenAfter;
    }

    /** Has the loop drain {@code more}, which were sent events handed over at {@code times}. */
    void add(Set<C> more, long[] times) {
        synchronized (this) {
            connections.addAll(more);
            if (events + times.length > handedOver.length) {
                handedOver = Arrays.copyOf(handedOver, Math.max(handedOver.length * 2, events + times.length));
            }
            System.arraycopy(times, 0, handedOver, events, times.length);
            events += times.length;
            if (queued) {
                return;
            }
            queued = true;
        }
        try {
            loop.execute(this);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down with its connections: nothing of theirs can be written any more.
            synchronized (this) {
                log.debug("event loop {} stopped; {} connections not drained", loop, connections.size());
                queued = false;
                connections.clear();
                events = 0;
            }
        }
    }

    @Override
    public void run() {
        Set<C> draining;
        long[] times;
        synchronized (this) {
            draining = connections;
            times = Arrays.copyOf(handedOver, events);
            connections = newConnectionSet();
            events = 0;
            queued = false;
        }
        for (C connection : draining) {
            try {
                drain.accept(connection);
            } catch (RuntimeException e) {
                // One connection's failure must not leave the others of the union waiting for their next send.
                log.error("draining a connection's queued packets failed", e);
            }
        }
        long now = System.nanoTime();
        for (long time : times) {
            writtenAfter.accept(now - time);
        }
    }

    private static <C> Set<C> newConnectionSet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
