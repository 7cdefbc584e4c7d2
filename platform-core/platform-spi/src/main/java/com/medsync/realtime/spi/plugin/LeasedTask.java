package com.medsync.realtime.spi.plugin;

/** A once-per-cluster task that looks at its lease while it runs (see {@link ClusterLease}). */
@FunctionalInterface
public interface LeasedTask {

    void run(ClusterLease lease);
}
