package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.event.EncodedPacket;

import io.netty.channel.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

/**
 * One event loop's drain (see {@link LoopDrains}): the deliveries handed to the loop, in order, the hand-over times
 * of the events they carry, and whether its task is already queued on the loop. Deliveries added while the task
 * waits join it; ones added after the task took what was waiting queue the task again.
 *
 * @param <R> a recipient, handed its deliveries by a {@link Sink}
 */
class LoopDrain<R> implements Runnable {

    /** What the loop does with each delivery, in the order they were handed over. */
    interface Sink<R> {
        /**
         * @param coalesce whether more deliveries may follow for the same connection in this run: the packet may
         *                 wait for {@link #endOfRun} rather than be written at once
         */
        void send(R recipient, EncodedPacket packet, boolean coalesce);

        /** Writes out whatever waited. */
        void endOfRun();

        /**
         * Reads what {@link #send} will read of the recipient, so that its cache lines are fetched now, together with
         * the other recipients' ({@link LoopRecipient#prefetch}).
         *
         * @return anything computed from what was read, for the caller to keep (else the reads could be left out)
         */
        int prefetch(R recipient);
    }

    private static final Logger log = LoggerFactory.getLogger(LoopDrain.class);
    /**
     * The most connections a set of connections may have held and still be emptied for reuse: an identity set never
     * shrinks its table, and every later walk of it would cover all of it.
     */
    static final int SET_REUSED_UP_TO = 256;

    private final EventLoop loop;
    private final Sink<R> sink;
    private final LongConsumer writtenAfter;
    // Guarded by this. Two lists (and two time arrays) take turns: while the task sends one, batches join the
    // other, and the sent one, cleared, waits for the next turn. A steady stream of batches then allocates nothing.
    private Deliveries deliveries = new Deliveries();
    private long[] handedOver = new long[64];
    private int events;
    private Deliveries spareDeliveries = new Deliveries();
    private long[] spareHandedOver = new long[64];
    private boolean queued;
    /** What the last run's prefetch read, kept so that the reads count; on the loop only. */
    private int prefetched;

    LoopDrain(EventLoop loop, Sink<R> sink, LongConsumer writtenAfter) {
        this.loop = loop;
        this.sink = sink;
        this.writtenAfter = writtenAfter;
    }

    /** Has the loop send {@code more}, which carry events handed over at the first {@code eventCount} {@code times}. */
    void add(Deliveries more, long[] times, int eventCount) {
        synchronized (this) {
            deliveries.addAll(more);
            if (events + eventCount > handedOver.length) {
                handedOver = Arrays.copyOf(handedOver, Math.max(handedOver.length * 2, events + eventCount));
            }
            System.arraycopy(times, 0, handedOver, events, eventCount);
            events += eventCount;
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
                log.debug("event loop {} stopped; {} deliveries not written", loop, deliveries.count());
                queued = false;
                deliveries.clear();
                events = 0;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        Deliveries run;
        long[] times;
        int eventCount;
        synchronized (this) {
            run = deliveries;
            times = handedOver;
            eventCount = events;
            // Runs follow each other on the one loop, so the spare list is back before the next run takes it.
            deliveries = spareDeliveries != null ? spareDeliveries : new Deliveries();
            handedOver = spareHandedOver != null ? spareHandedOver : new long[64];
            spareDeliveries = null;
            spareHandedOver = null;
            events = 0;
            queued = false;
        }
        int count = run.count();
        // Each recipient's state was last touched a few hundred writes ago and is out of the cache: read one after
        // the other with nothing in between, the recipients' misses overlap, where between two writes (each a
        // system call) every one of them would stall on its own.
        try {
            int read = 0;
            for (int i = 0; i < count; i++) {
                read += sink.prefetch((R) run.recipient(i));
            }
            prefetched = read;
        } catch (RuntimeException e) {
            // Only the prefetch is lost: the sends below read everything again and meet the failure themselves.
            log.debug("prefetching a run's recipients failed", e);
        }
        // With several events in the run, a connection may be sent more than one: all of them wait for the end.
        boolean severalEvents = eventCount > 1;
        for (int i = 0; i < count; i++) {
            R recipient = (R) run.recipient(i);
            try {
                boolean moreForIt = severalEvents || i + 1 < count && run.recipient(i + 1) == recipient;
                sink.send(recipient, run.packet(i), moreForIt);
            } catch (RuntimeException e) {
                // One recipient's failure must not keep the others from their events.
                log.error("sending a packet to {} failed", recipient, e);
            }
        }
        sink.endOfRun();
        long now = System.nanoTime();
        for (int i = 0; i < eventCount; i++) {
            writtenAfter.accept(now - times[i]);
        }
        run.clear();
        synchronized (this) {
            spareDeliveries = run;
            spareHandedOver = times;
        }
    }

    /** @return {@code used} emptied for its next turn, or a new set when it grew past {@link #SET_REUSED_UP_TO} */
    static <C> Set<C> emptied(Set<C> used) {
        if (used.size() > SET_REUSED_UP_TO) {
            return newIdentitySet();
        }
        used.clear();
        return used;
    }

    static <C> Set<C> newIdentitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
