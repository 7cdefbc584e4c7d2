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

    /**
     * Runs a task repeatedly, {@code delay} after the end of each run, on one node of the cluster at a time: the
     * node that holds the lease named by this plugin's id and {@code name}. For work that must not be done by
     * every node, such as polling a provider.
     *
     * <p>The guarantee: a run starts only while its node holds the lease and will hold it for a while yet. A
     * node that cannot renew its lease (it lost Redis, or Redis gave the lease away) considers it lost before
     * Redis can let another node take it, so no other node starts a run before this one has been told to
     * stop: {@link ClusterLease#isHeld()} turns false and the thread of a run in progress is interrupted. When
     * the holder dies, another node takes over within about 1⅓ {@code medsync.store.redis-lease-ttl}; when the
     * plugin stops or the node shuts down, the lease is released as soon as no run is in progress, and another
     * node takes over at once. While Redis is unreachable no node runs the task. A single node (memory store)
     * always holds its leases.
     *
     * <p>The limit: a run that ignores both the interrupt and {@link ClusterLease#isHeld()} can outlast its
     * lease. Keep runs shorter than the lease, or check the lease between steps, or pass
     * {@link ClusterLease#fencingToken()} to the system the run writes to.
     *
     * @param name the task's name, unique among this plugin's once-per-cluster tasks
     * @return a future whose cancellation ends the task on this node and releases its lease
     * @throws IllegalArgumentException when the plugin already runs a once-per-cluster task of that name
     */
    Future<?> scheduleOncePerCluster(String name, LeasedTask task, Duration initialDelay, Duration delay);

    /** As {@link #scheduleOncePerCluster(String, LeasedTask, Duration, Duration)}, for a task that needs no lease. */
    default Future<?> scheduleOncePerCluster(String name, Runnable task, Duration initialDelay, Duration delay) {
        return scheduleOncePerCluster(name, lease -> task.run(), initialDelay, delay);
    }
}
