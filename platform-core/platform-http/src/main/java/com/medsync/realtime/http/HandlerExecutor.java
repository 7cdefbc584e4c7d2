package com.medsync.realtime.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the pool handlers run on: fixed size, bounded queue, rejecting rather than growing. */
final class HandlerExecutor {

    /** Requests waiting for a handler thread beyond this are answered 503, which keeps memory bounded. */
    static final int QUEUE_CAPACITY = 1024;

    private HandlerExecutor() {
    }

    static ThreadPoolExecutor create(int threads, int queueCapacity) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "medsync-http-" + counter.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
    }
}
