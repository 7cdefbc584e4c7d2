package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.DeliveryRecorder;

/** Waits for deliveries to stop arriving, so one step's backlog never counts in the next. */
final class Drain {

    private Drain() {
    }

    /**
     * @return the {@link System#nanoTime()} of the last delivery seen (deliveries are considered over after
     *     {@code quietMillis} without one, or after {@code maxMillis})
     */
    static long untilQuiet(DeliveryRecorder recorder, long quietMillis, long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long last = recorder.delivered();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            sleep(20);
            long now = recorder.delivered();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quietMillis * 1_000_000) {
                break;
            }
        }
        return lastChange;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
