package com.medsync.realtime.spi.plugin;

/**
 * The lease a once-per-cluster run holds (see {@link PluginScheduler#scheduleOncePerCluster}). A long run checks
 * {@link #isHeld()} between steps and stops when it turns false; a run that writes to another system can pass
 * {@link #fencingToken()} along, so that system can refuse a write from an older holder.
 */
public interface ClusterLease {

    /**
     * @return true while this node still holds the lease this run started under and, by this node's monotonic
     *     clock, will hold it for a while yet; once false it stays false for this run
     */
    boolean isHeld();

    /**
     * @return the lease's fencing token: a number that grows each time a node acquires the lease, so a run under
     *     a later holder always carries a greater token than any run before it
     */
    long fencingToken();
}
