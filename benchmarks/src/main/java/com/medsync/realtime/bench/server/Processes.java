package com.medsync.realtime.bench.server;

import java.util.concurrent.TimeUnit;

/** Stopping the processes a run starts (servers, load generators). */
public final class Processes {

    private Processes() {
    }

    /** Asks a process to stop (SIGTERM), and kills it when it has not stopped within 15 seconds. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
