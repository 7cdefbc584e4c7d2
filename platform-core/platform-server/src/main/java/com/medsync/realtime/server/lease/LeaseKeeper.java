package com.medsync.realtime.server.lease;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * This node's side of one lease: acquires it when free, renews it, and decides from its own monotonic clock how
 * long it may act as the holder.
 *
 * <p>Fencing: the store lets the lease expire {@code ttl} after it received the acquire or renew command, which is
 * no earlier than when this node sent it. So the node counts itself the holder only until the send time plus
 * {@code ttl} less a safety margin (for clocks that run at slightly different rates, and for the moment between a
 * run checking the lease and acting): it stops before the store can hand the lease to another node. A renew that
 * fails, or is answered that the lease is gone, ends the holding at once.
 *
 * <p>Runs: {@link #beginRun()} and {@link #endRun()} bracket each run of the task, and the lease is released only
 * when no run is in progress, so the next holder never starts while this node's run is still going.
 */
public final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** The share of the ttl kept as safety margin. */
    static final int MARGIN_DIVISOR = 5;

    private final String plugin;
    private final String task;
    private final String holder;
    private final LeaseStore store;
    private final Duration ttl;
    private final LongSupplier nanoTime;
    private final Object runs = new Object();
    private volatile Runnable whenLost = () -> { };
    /** The token of the lease this node acquired last, kept after a failed renew to try renewing it again. */
    private volatile long token;
    private volatile boolean held;
    private volatile long validUntilNanos;
    private volatile boolean closed;
    /** Guarded by {@code runs}. */
    private boolean running;
    /** Written under {@code runs}; read by {@link #tick()} without it, which holds this keeper's own lock. */
    private volatile boolean closing;

    LeaseKeeper(String plugin, String task, String holder, LeaseStore store, Duration ttl, LongSupplier nanoTime) {
        this.plugin = plugin;
        this.task = task;
        this.holder = holder;
        this.store = store;
        this.ttl = ttl;
        this.nanoTime = nanoTime;
    }

    /** @return the store's name of this lease: {@code <plugin>/<task>} */
    public String name() {
        return plugin + "/" + task;
    }

    public String plugin() {
        return plugin;
    }

    public String task() {
        return task;
    }

    /** What to do the moment the holding ends (interrupt a run in progress). */
    public void whenLost(Runnable action) {
        this.whenLost = action;
    }

    /** @return true while this node holds the lease and its validity by this node's clock has not run out */
    public boolean isHeld() {
        return held && nanoTime.getAsLong() - validUntilNanos < 0;
    }

    /** @return the fencing token of the lease as last acquired, 0 before the first */
    public long token() {
        return token;
    }

    /** One step, every third of the ttl: renews the lease held, or acquires it when free. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        if (held && !isHeld()) {
            lose("it was not renewed in time");
        }
        long sentAt = nanoTime.getAsLong();
        if (token != 0) {
            try {
                if (store.renew(name(), holder, token, ttl)) {
                    extend(sentAt, "renewed again");
                    return;
                }
                lose("another node holds it, or it expired");
                token = 0;
            } catch (RuntimeException e) {
                lose("renewing failed: " + e.getMessage());
                return;
            }
        }
        if (closing) {
            return;
        }
        try {
            OptionalLong acquired = store.acquire(name(), holder, ttl);
            if (acquired.isPresent()) {
                token = acquired.getAsLong();
                extend(sentAt, "acquired");
            }
        } catch (RuntimeException e) {
            log.debug("Cannot acquire lease {}: {}", name(), e.getMessage());
        }
    }

    /**
     * @return true when a run may start now: the lease is held and not being released; the caller then runs and
     *     calls {@link #endRun()}
     */
    public boolean beginRun() {
        synchronized (runs) {
            if (closing || !isHeld()) {
                return false;
            }
            running = true;
            return true;
        }
    }

    /** Ends a run; releases the lease when {@link #close()} came meanwhile. */
    public void endRun() {
        synchronized (runs) {
            running = false;
            if (closing) {
                release();
            }
        }
    }

    /** Stops renewing and releases the lease, at once or when the run in progress ends. */
    public void close() {
        synchronized (runs) {
            closing = true;
            if (!running) {
                release();
            }
        }
    }

    /** @return true once {@link #close()} was called */
    boolean isClosing() {
        return closing;
    }

    /** @return true once the lease is released (or left to expire) for good */
    boolean isClosed() {
        return closed;
    }

    private synchronized void release() {
        if (closed) {
            return;
        }
        closed = true;
        boolean wasHeld = held;
        held = false;
        if (token == 0) {
            return;
        }
        try {
            store.release(name(), holder, token);
            if (wasHeld) {
                log.info("Released lease {} (token {})", name(), token);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot release lease {}; it expires within {} ms: {}", name(), ttl.toMillis(), e.getMessage());
        }
    }

    private void extend(long sentAt, String how) {
        validUntilNanos = sentAt + ttl.toNanos() - ttl.toNanos() / MARGIN_DIVISOR;
        if (!held) {
            held = true;
            log.info("Holding lease {} ({}, token {}): this node runs its task", name(), how, token);
        }
    }

    private void lose(String why) {
        if (!held) {
            return;
        }
        held = false;
        log.info("Lost lease {} (token {}): {}; this node stops running its task", name(), token, why);
        whenLost.run();
    }
}
