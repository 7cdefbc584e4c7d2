package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.server.lease.ClusterLeases;
import com.medsync.realtime.server.lease.LeaseKeeper;
import com.medsync.realtime.spi.plugin.LeasedTask;
import com.medsync.realtime.spi.plugin.PluginScheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One plugin's share of the platform's scheduler. Plugins start no threads: they schedule here, and
 * everything still pending is cancelled when the plugin stops.
 */
final class PluginTasks implements PluginScheduler {

    private static final Logger log = LoggerFactory.getLogger(PluginTasks.class);

    private static final int PRUNE_ABOVE = 256;

    private final String pluginId;
    private final ClassLoader loader;
    private final ScheduledExecutorService executor;
    private final ClusterLeases leases;
    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    PluginTasks(String pluginId, ClassLoader loader, ScheduledExecutorService executor, ClusterLeases leases) {
        this.pluginId = pluginId;
        this.loader = loader;
        this.executor = executor;
        this.leases = leases;
    }

    @Override
    public Future<?> execute(Runnable task) {
        return track(executor.submit(guarded(task)));
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return track(executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public Future<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
        return track(executor.scheduleWithFixedDelay(guarded(task), initialDelay.toMillis(), delay.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    @Override
    public Future<?> scheduleOncePerCluster(String name, LeasedTask task, Duration initialDelay, Duration delay) {
        refuseWhenStopped();
        LeaseKeeper lease = leases.open(pluginId, name);
        Future<?> schedule = executor.scheduleWithFixedDelay(guarded(new LeasedRuns(lease, task)),
                initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
        return track(new LeasedFuture(schedule, lease));
    }

    /** Cancels every pending and repeating task; later submissions are refused. */
    void cancelAll() {
        cancelled = true;
        pending.forEach(future -> future.cancel(true));
        pending.clear();
    }

    int pendingCount() {
        pending.removeIf(Future::isDone);
        return pending.size();
    }

    private Future<?> track(Future<?> future) {
        if (cancelled) {
            future.cancel(true);
            refuseWhenStopped();
        }
        pending.add(future);
        if (pending.size() > PRUNE_ABOVE) {
            // Finished tasks are forgotten in batches, not on every call: a plugin may schedule often.
            pending.removeIf(Future::isDone);
        }
        return future;
    }

    private void refuseWhenStopped() {
        if (cancelled) {
            throw new IllegalStateException("plugin " + pluginId + " is stopped; it cannot schedule work");
        }
    }

    /** A failing run is logged and does not end a repeating task. */
    private Runnable guarded(Runnable task) {
        return () -> PluginCalls.run(loader, () -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                log.error("Task of plugin {} failed", pluginId, e);
            }
        });
    }
}
