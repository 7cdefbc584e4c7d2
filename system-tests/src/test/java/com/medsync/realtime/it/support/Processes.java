package com.medsync.realtime.it.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the processes the tests start, so that none outlives its test. */
public final class Processes {

    private Processes() {
    }

    /** Waits up to {@code grace} for the process to end by itself, then kills it. */
    public static void awaitOrKill(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
