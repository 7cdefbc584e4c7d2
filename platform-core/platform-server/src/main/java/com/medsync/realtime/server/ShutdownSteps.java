package com.medsync.realtime.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What a node releases when it stops, in order: each step runs even when one before it failed, so a broken
 * connection to Redis cannot leave the ports open or the threads running.
 */
final class ShutdownSteps {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSteps.class);

    private final List<Runnable> steps = new ArrayList<>();

    ShutdownSteps then(Runnable step) {
        steps.add(step);
        return this;
    }

    /** Runs every step once, in order; a failing step is logged. */
    void run() {
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("Shutdown step failed", e);
            }
        }
        steps.clear();
    }
}
