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

    /** A step slower than this is logged at INFO: it is what an operator looks for when a stop is slow. */
    private static final long SLOW_MILLIS = 500;

    private final List<Step> steps = new ArrayList<>();

    private record Step(String name, Runnable action) {
    }

    ShutdownSteps then(String name, Runnable step) {
        steps.add(new Step(name, step));
        return this;
    }

    /** Runs every step once, in order; a failing step is logged. */
    void run() {
        for (Step step : steps) {
            long started = System.nanoTime();
            try {
                step.action().run();
            } catch (RuntimeException e) {
                log.warn("Shutdown step '{}' failed", step.name(), e);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_MILLIS) {
                log.info("Shutdown: {} took {} ms", step.name(), millis);
            } else {
                log.debug("Shutdown: {} took {} ms", step.name(), millis);
            }
        }
        steps.clear();
    }
}
