package com.medsync.realtime.server.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import com.medsync.realtime.server.event.SequencedEvent;

/**
 * Runs a node's deliveries one batch at a time, in the order the events were handed over. A publisher (an HTTP
 * handler thread, a client event relayed to a room) returns once the broker accepted its event, as it does with
 * Redis, instead of waiting in line behind every other publisher's fan-out: with the fan-out done under the
 * broker's sequencing lock, publishers queued on that lock for tens of milliseconds at a time under load.
 *
 * <p>Whoever holds the delivering lock takes events from the backlog and delivers them: this object's thread, or
 * a publisher that found its event alone in the backlog and nobody delivering ({@link #deliverWaiting}, called
 * once the broker's lock is released). When the node is not busy, an event is thus delivered by the thread that
 * published it, with no hand-over to another thread: waking one costs a few microseconds of CPU per event and,
 * on cores shared with other work, a wait for the scheduler that showed in the latency tail. What waits with
 * other events, or while another thread delivers, goes to this object's thread, which delivers it in batches
 * until the backlog is empty. Taking events only under the lock keeps them in order whichever thread delivers
 * them.
 *
 * <p>Whatever waits when a deliverer takes the lock is delivered as one batch ({@link LocalDelivery#deliverAll}):
 * under load a socket's events go out in one write and each connection thread is woken once per batch.
 *
 * <p>The backlog is bounded: a publisher that finds it full waits for room, so a burst the sockets cannot take
 * slows publishers down instead of growing the heap. A delivery that throws is logged and the next one runs.
 */
public final class DeliveryThread implements Consumer<SequencedEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryThread.class);
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(5);
    /** How often an idle thread looks at the backlog and whether it was closed, should a wake-up be missed. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(100);

    /** The most events delivered as one batch: bounds how long the first of them waits for the last. */
    static final int MAX_BATCH = 64;

    private final Consumer<List<SequencedEvent>> delivery;
    private final BlockingQueue<SequencedEvent> backlog;
    /** Held by whichever thread takes events from the backlog, until it delivered them. */
    private final ReentrantLock delivering = new ReentrantLock();
    /** The batch being delivered; guarded by {@link #delivering}. */
    private final List<SequencedEvent> batch = new ArrayList<>(MAX_BATCH);
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param delivery what each batch of events is handed to, in order, on the delivering thread
     *                 ({@link LocalDelivery#deliverAll})
     * @param capacity events that may wait for delivery before publishers wait too
     */
    public DeliveryThread(Consumer<List<SequencedEvent>> delivery, int capacity) {
        this.delivery = delivery;
        this.backlog = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "medsync-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an event for this object's thread to deliver; waits while the backlog is full. */
    @Override
    public void accept(SequencedEvent event) {
        queue(event);
        LockSupport.unpark(thread);
    }

    /**
     * Queues an event without waking the thread: the caller delivers it with {@link #deliverWaiting} once it let
     * go of its own locks. Waits while the backlog is full. After {@link #close} delivers it here.
     */
    public void queue(SequencedEvent event) {
        if (closed) {
            deliverAfterClose(event);
            return;
        }
        if (backlog.offer(event)) {
            return;
        }
        // Full: make sure the thread is draining it while this publisher waits for room.
        LockSupport.unpark(thread);
        try {
            backlog.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to queue an event for delivery", e);
        }
    }

    /**
     * Delivers, on the calling thread, the event it just queued when it is the only one waiting and nobody is
     * delivering: the node is idle, and a hand-over would only add a wake-up. With more waiting, this object's
     * thread delivers them as a batch, as it does what is queued while another thread delivers (that thread looks
     * at the backlog again once done): publishers that come faster than one at a time neither wait for each
     * other's fan-out nor split the batches into one event each.
     */
    public void deliverWaiting() {
        int waiting = backlog.size();
        if (waiting == 0) {
            return;
        }
        if (waiting > 1) {
            LockSupport.unpark(thread);
            return;
        }
        if (!delivering.tryLock()) {
            return;
        }
        try {
            deliverBatch();
        } finally {
            delivering.unlock();
        }
        // Also catches an event queued by a publisher whose tryLock failed while this one held the lock.
        if (!backlog.isEmpty()) {
            LockSupport.unpark(thread);
        }
    }

    /** @return events waiting for delivery right now */
    public int backlog() {
        return backlog.size();
    }

    private void run() {
        while (true) {
            if (backlog.isEmpty()) {
                if (closed) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_CHECK.toNanos());
                if (Thread.interrupted()) {
                    log.warn("Delivery thread interrupted; {} events were not delivered", backlog.size());
                    return;
                }
                continue;
            }
            delivering.lock();
            try {
                deliverBatch();
            } finally {
                delivering.unlock();
            }
        }
    }

    /** Takes up to a batch from the backlog and delivers it; with {@link #delivering} held. */
    private void deliverBatch() {
        backlog.drainTo(batch, MAX_BATCH);
        deliverTaken();
    }

    /** Delivers {@link #batch} and empties it; with {@link #delivering} held. */
    private void deliverTaken() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            delivery.accept(batch);
        } catch (RuntimeException e) {
            log.error("Delivery of {} events from offset {} failed", batch.size(), batch.get(0).offset(), e);
        } finally {
            batch.clear();
        }
    }

    /** After close, on the publisher's thread: what is still waiting first, so the order holds. */
    private void deliverAfterClose(SequencedEvent event) {
        delivering.lock();
        try {
            while (!backlog.isEmpty()) {
                deliverBatch();
            }
            batch.add(event);
            deliverTaken();
        } finally {
            delivering.unlock();
        }
    }

    /** Delivers what is waiting (for a few seconds at most), then stops the thread. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(DRAIN_ON_CLOSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} events were still waiting for delivery at shutdown", backlog.size());
            thread.interrupt();
        }
    }
}
