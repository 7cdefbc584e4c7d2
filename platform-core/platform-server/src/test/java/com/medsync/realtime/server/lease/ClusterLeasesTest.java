package com.medsync.realtime.server.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A node's leases on the memory store: acquired at once, counted in the gauge and the stats, released on close. */
class ClusterLeasesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MemoryLeaseStore store = new MemoryLeaseStore(System::nanoTime);
    private final ClusterLeases leases = new ClusterLeases(store, "single-node", Duration.ofSeconds(5), registry);

    @AfterEach
    void close() {
        leases.close();
    }

    @Test
    void aSingleNodeHoldsItsLeasesAtOnceAndSaysSoInTheGaugeAndItsList() {
        LeaseKeeper keeper = leases.open("dispatch", "provider-poller");

        await(keeper::isHeld);

        assertThat(leases.held()).containsExactly("dispatch/provider-poller");
        assertThat(registry.get("medsync.cluster.lease.held").tag("plugin", "dispatch")
                .tag("task", "provider-poller").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aClosedLeaseIsFreeForTheNextHolderAndTheGaugeFallsToZero() {
        LeaseKeeper keeper = leases.open("dispatch", "provider-poller");
        await(keeper::isHeld);

        keeper.close();

        assertThat(store.acquire("dispatch/provider-poller", "another-node", Duration.ofSeconds(5))).isPresent();
        assertThat(leases.held()).isEmpty();
        assertThat(registry.get("medsync.cluster.lease.held").gauge().value()).isZero();
    }

    @Test
    void aTaskNameIsTakenOncePerPluginUntilItsLeaseIsClosed() {
        LeaseKeeper first = leases.open("dispatch", "provider-poller");

        assertThatThrownBy(() -> leases.open("dispatch", "provider-poller"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider-poller");
        leases.open("dispatch-kwik", "provider-poller");

        first.close();
        LeaseKeeper second = leases.open("dispatch", "provider-poller");
        await(second::isHeld);
        assertThat(leases.held()).contains("dispatch/provider-poller");
    }

    @Test
    void closingTheNodeReleasesEveryLease() {
        LeaseKeeper keeper = leases.open("dispatch", "provider-poller");
        await(keeper::isHeld);

        leases.close();

        assertThat(store.acquire("dispatch/provider-poller", "another-node", Duration.ofSeconds(5))).isPresent();
        assertThat(keeper.isHeld()).isFalse();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
