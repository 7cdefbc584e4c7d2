package com.medsync.realtime.spi.plugin;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Background work for one plugin on the platform's threads. Everything scheduled here is cancelled when
 * the plugin stops. Tasks run with the plugin's class loader as context class loader; an exception is
 * logged and, for a repeating task, does not stop later runs.
 */
public interface PluginScheduler {

    /** Runs a task once, soon. */
    Future<?> execute(Runnable task);

    /** Runs a task once after a delay. */
    Future<?> schedule(Runnable task, Duration delay);

    /** Runs a task repeatedly, {@code delay} after the end of each run. */
    Future<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay);
}
