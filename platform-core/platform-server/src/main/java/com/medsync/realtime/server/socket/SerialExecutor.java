package com.medsync.realtime.server.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one connection's tasks one at a time, in arrival order, on a shared pool: a CONNECT is always
 * handled before the events that follow it, without a thread per connection and without blocking Netty.
 */
final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final int maxPending;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor pool, int maxPending) {
        this.pool = pool;
        this.maxPending = maxPending;
    }

    /**
     * @throws RejectedExecutionException when the connection already has {@code maxPending} tasks waiting:
     *     a client that sends faster than it is served must not grow the heap
     */
    @Override
    public void execute(Runnable task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            throw new RejectedExecutionException("more than " + maxPending + " packets waiting");
        }
        tasks.add(task);
        schedule();
    }

    /** Queues a task past the limit: for clean-up, which must run however busy the connection was. */
    void executeAlways(Runnable task) {
        pending.incrementAndGet();
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                pending.decrementAndGet();
                try {
                    task.run();
                } catch (RuntimeException | LinkageError e) {
                    log.error("Connection task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
