package com.medsync.realtime.server.lease;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This node's leases, one per once-per-cluster task: renewed (or acquired) every third of the ttl on a thread of
 * their own, so a slow plugin never delays a renewal. Each lease is the gauge
 * {@code medsync_cluster_lease_held{plugin,task}} (1 while this node holds it).
 */
public final class ClusterLeases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterLeases.class);

    private static final String HELD_GAUGE = "medsync.cluster.lease.held";

    private final LeaseStore store;
    private final String node;
    private final Duration ttl;
    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Set<LeaseKeeper> keepers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "medsync-leases");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterLeases(LeaseStore store, String node, Duration ttl, MeterRegistry registry) {
        this(store, node, ttl, registry, System::nanoTime);
    }

    ClusterLeases(LeaseStore store, String node, Duration ttl, MeterRegistry registry, LongSupplier nanoTime) {
        this.store = store;
        this.node = node;
        this.ttl = ttl;
        this.registry = registry;
        this.nanoTime = nanoTime;
        long period = Math.max(1, ttl.toMillis() / 3);
        ticker.scheduleWithFixedDelay(this::tickAll, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts contending for the lease of a plugin's task; the first attempt is made at once.
     *
     * @throws IllegalArgumentException when that task already has a lease that is not being released
     */
    public LeaseKeeper open(String plugin, String task) {
        LeaseKeeper keeper = new LeaseKeeper(plugin, task, node, store, ttl, nanoTime);
        synchronized (keepers) {
            if (keepers.stream().anyMatch(open -> open.name().equals(keeper.name()) && !open.isClosing())) {
                throw new IllegalArgumentException("plugin " + plugin + " already runs a once-per-cluster task '"
                        + task + "'");
            }
            keepers.add(keeper);
        }
        // A plugin started again finds its gauge in place: it reads whichever keeper has the name now.
        if (registry.find(HELD_GAUGE).tag("plugin", plugin).tag("task", task).gauge() == null) {
            Gauge.builder(HELD_GAUGE, this, leases -> leases.holds(keeper.name()) ? 1 : 0)
                    .description("1 while this node holds the lease of a plugin's once-per-cluster task, else 0")
                    .tag("plugin", plugin).tag("task", task)
                    .register(registry);
        }
        ticker.execute(() -> tick(keeper));
        return keeper;
    }

    /** @return the leases this node holds now, as {@code <plugin>/<task>} */
    public List<String> held() {
        return keepers.stream().filter(LeaseKeeper::isHeld).map(LeaseKeeper::name).sorted().toList();
    }

    private boolean holds(String name) {
        return keepers.stream().anyMatch(keeper -> keeper.name().equals(name) && keeper.isHeld());
    }

    private void tickAll() {
        keepers.removeIf(LeaseKeeper::isClosed);
        keepers.forEach(this::tick);
    }

    private void tick(LeaseKeeper keeper) {
        try {
            keeper.tick();
        } catch (RuntimeException e) {
            log.error("Keeping lease {} failed", keeper.name(), e);
        }
    }

    /** Releases every lease not in use by a run (those in use expire), then stops renewing. */
    @Override
    public void close() {
        keepers.forEach(LeaseKeeper::close);
        ticker.shutdownNow();
    }
}
