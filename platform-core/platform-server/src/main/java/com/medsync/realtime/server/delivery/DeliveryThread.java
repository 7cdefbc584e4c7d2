package com.medsync.realtime.server.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import com.medsync.realtime.server.event.SequencedEvent;

/**
 * Runs a node's deliveries on one thread, in the order the events were handed over. A publisher (an HTTP
 * handler thread, a client event relayed to a room) returns once the broker accepted its event, as it does with
 * Redis, instead of waiting in line behind every other publisher's fan-out: with the fan-out done under the
 * broker's sequencing lock, publishers queued on that lock for tens of milliseconds at a time under load.
 *
 * <p>Whatever waits when the thread comes for work is delivered as one batch ({@link LocalDelivery#deliverAll}):
 * under load a socket's events go out in one write and each connection thread is woken once per batch, not once
 * per event, while an event that finds the thread idle still goes out at once.
 *
 * <p>The backlog is bounded: a publisher that finds it full waits for room, so a burst the sockets cannot take
 * slows publishers down instead of growing the heap. A delivery that throws is logged and the next one runs.
 */
public final class DeliveryThread implements Consumer<SequencedEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryThread.class);
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(5);
    /** How often an idle thread looks whether it was closed. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(100);

    /** The most events delivered as one batch: bounds how long the first of them waits for the last. */
    static final int MAX_BATCH = 64;

    private final Consumer<List<SequencedEvent>> delivery;
    private final BlockingQueue<SequencedEvent> backlog;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param delivery what each batch of events is handed to, in order, on this object's thread
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

    /** Queues an event for delivery; waits while the backlog is full. After {@link #close} delivers it here. */
    @Override
    public void accept(SequencedEvent event) {
        if (closed) {
            deliver(List.of(event));
            return;
        }
        try {
            backlog.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to queue an event for delivery", e);
        }
    }

    /** @return events waiting for delivery right now */
    public int backlog() {
        return backlog.size();
    }

    private void run() {
        List<SequencedEvent> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                SequencedEvent event = backlog.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (event != null) {
                    batch.add(event);
                    backlog.drainTo(batch, MAX_BATCH - 1);
                    deliver(batch);
                    batch.clear();
                } else if (closed) {
                    // What a publisher queued while this thread saw it closed (sockets are closed by now).
                    while (backlog.drainTo(batch, MAX_BATCH) > 0) {
                        deliver(batch);
                        batch.clear();
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            log.warn("Delivery thread interrupted; {} events were not delivered", backlog.size());
        }
    }

    private void deliver(List<SequencedEvent> events) {
        try {
            delivery.accept(events);
        } catch (RuntimeException e) {
            log.error("Delivery of {} events from offset {} failed", events.size(), events.get(0).offset(), e);
        }
    }

    /** Delivers what is waiting (for a few seconds at most), then stops the thread. */
    @Override
    public void close() {
        closed = true;
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
