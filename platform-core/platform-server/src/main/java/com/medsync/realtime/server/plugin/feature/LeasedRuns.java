package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.server.lease.LeaseKeeper;
import com.medsync.realtime.spi.plugin.ClusterLease;
import com.medsync.realtime.spi.plugin.LeasedTask;

/**
 * The runs of one once-per-cluster task on this node: each starts only while the node holds the task's lease, and
 * the thread of a run in progress is interrupted the moment the lease is lost.
 */
final class LeasedRuns implements Runnable {

    private final LeaseKeeper lease;
    private final LeasedTask task;
    /** The thread of the run in progress, guarded by {@code this}. */
    private Thread running;

    LeasedRuns(LeaseKeeper lease, LeasedTask task) {
        this.lease = lease;
        this.task = task;
        lease.whenLost(this::interruptRun);
    }

    /** One tick of the schedule: a run when the lease is held, nothing otherwise. */
    @Override
    public void run() {
        if (!lease.beginRun()) {
            return;
        }
        long token = lease.token();
        ClusterLease underLease = new ClusterLease() {
            @Override
            public boolean isHeld() {
                return lease.isHeld() && lease.token() == token;
            }

            @Override
            public long fencingToken() {
                return token;
            }
        };
        synchronized (this) {
            running = Thread.currentThread();
        }
        try {
            task.run(underLease);
        } finally {
            synchronized (this) {
                running = null;
            }
            lease.endRun();
        }
    }

    private synchronized void interruptRun() {
        if (running != null) {
            running.interrupt();
        }
    }
}
