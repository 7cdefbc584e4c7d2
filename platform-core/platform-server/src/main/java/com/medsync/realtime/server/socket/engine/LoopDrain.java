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
    /**
     * The most connections a set may have held and still be emptied for reuse. A larger one (a backlog drained at
     * once) is dropped instead: an identity set never shrinks its table, and every later task would walk all of it.
     */
    static final int REUSED_UP_TO = 256;

    private final EventLoop loop;
    private final Consumer<C> drain;
    private final LongConsumer writtenAfter;
    // Guarded by this. Two sets and two time arrays take turns: while the task drains one pair, batches join the
    // other, and the drained pair, emptied, waits for the next turn. A steady stream of batches then allocates
    // nothing here, where a fresh set per task grew its table again for every task (5% of the server's
    // allocations with 100 recipients per event).
    private Set<C> connections = newConnectionSet();
    private long[] handedOver = new long[64];
    private Set<C> spareConnections = newConnectionSet();
    private long[] spareHandedOver = new long[64];
    private int events;
    private boolean queued;

    LoopDrain(EventLoop loop, Consumer<C> drain, LongConsumer writtenAfter) {
        this.loop = loop;
        this.drain = drain;
        this.writtenAfter = writtenAfter;
    }

    /** Has the loop drain {@code more}, which were sent events handed over at the first {@code count} {@code times}. */
    void add(Set<C> more, long[] times, int count) {
        synchronized (this) {
            connections.addAll(more);
            if (events + count > handedOver.length) {
                handedOver = Arrays.copyOf(handedOver, Math.max(handedOver.length * 2, events + count));
            }
            System.arraycopy(times, 0, handedOver, events, count);
            events += count;
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
        int count;
        synchronized (this) {
            draining = connections;
            times = handedOver;
            count = events;
            // Runs follow each other on the one loop, so the spare pair is back before the next run takes it.
            connections = spareConnections != null ? spareConnections : newConnectionSet();
            handedOver = spareHandedOver != null ? spareHandedOver : new long[64];
            spareConnections = null;
            spareHandedOver = null;
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
        for (int i = 0; i < count; i++) {
            writtenAfter.accept(now - times[i]);
        }
        Set<C> spare = emptied(draining);
        synchronized (this) {
            spareConnections = spare;
            spareHandedOver = times;
        }
    }

    /** @return {@code used} emptied for its next turn, or a new set when {@code used} grew past {@link #REUSED_UP_TO} */
    static <C> Set<C> emptied(Set<C> used) {
        if (used.size() > REUSED_UP_TO) {
            return newConnectionSet();
        }
        used.clear();
        return used;
    }

    static <C> Set<C> newConnectionSet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
