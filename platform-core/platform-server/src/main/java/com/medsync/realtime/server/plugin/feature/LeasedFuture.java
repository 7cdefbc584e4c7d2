package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.server.lease.LeaseKeeper;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The future of a once-per-cluster task: cancelling it also gives up the task's lease. */
final class LeasedFuture implements Future<Object> {

    private final Future<?> schedule;
    private final LeaseKeeper lease;

    LeasedFuture(Future<?> schedule, LeaseKeeper lease) {
        this.schedule = schedule;
        this.lease = lease;
    }

    /** Ends the schedule, then releases the lease once no run is in progress (see {@link LeaseKeeper#close()}). */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = schedule.cancel(mayInterruptIfRunning);
        lease.close();
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return schedule.isCancelled();
    }

    @Override
    public boolean isDone() {
        return schedule.isDone();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        return schedule.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return schedule.get(timeout, unit);
    }
}
