package com.medsync.realtime.server.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.spi.store.StoreUnavailableException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** The lease's timing math and hand-over rules, on a clock the test moves. */
class LeaseKeeperTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final FakeNanoTime clock = new FakeNanoTime();
    private final MemoryLeaseStore store = new MemoryLeaseStore(clock);
    private final FailingStore flaky = new FailingStore(store);

    @Test
    void theFirstTickAcquiresTheLeaseWithToken1() {
        LeaseKeeper keeper = keeper("node-a", store);

        keeper.tick();

        assertThat(keeper.isHeld()).isTrue();
        assertThat(keeper.token()).isEqualTo(1);
    }

    @Test
    void aHolderCountsItselfTheHolderUntilTheSendTimePlusTheTtlLessTheMargin() {
        LeaseKeeper keeper = keeper("node-a", store);
        keeper.tick();

        clock.advance(Duration.ofMillis(3_999));
        assertThat(keeper.isHeld()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(keeper.isHeld()).as("4 s = ttl 5 s less its fifth").isFalse();
        // Redis would still keep the key for a second: nobody else can hold it yet.
        assertThat(store.acquire("dispatch/poller", "node-b", TTL)).isEmpty();
    }

    @Test
    void theValidityCountsFromWhenTheCommandWasSentNotAnswered() {
        SlowStore slow = new SlowStore(store, clock, Duration.ofMillis(1_500));
        LeaseKeeper keeper = keeper("node-a", slow);

        keeper.tick();

        clock.advance(Duration.ofMillis(4_000 - 1_500 - 1));
        assertThat(keeper.isHeld()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(keeper.isHeld()).isFalse();
    }

    @Test
    void aRenewalExtendsTheValidityFromItsOwnSendTime() {
        LeaseKeeper keeper = keeper("node-a", store);
        keeper.tick();
        clock.advance(Duration.ofMillis(1_666));

        keeper.tick();

        clock.advance(Duration.ofMillis(3_999));
        assertThat(keeper.isHeld()).isTrue();
        assertThat(keeper.token()).as("a renewal keeps the token").isEqualTo(1);
    }

    @Test
    void aSecondNodeWaitsUntilTheLeaseExpiresInTheStoreAndGetsAGreaterToken() {
        LeaseKeeper a = keeper("node-a", store);
        LeaseKeeper b = keeper("node-b", store);
        a.tick();
        b.tick();
        assertThat(b.isHeld()).isFalse();

        clock.advance(Duration.ofMillis(4_999));
        b.tick();
        assertThat(b.isHeld()).isFalse();
        assertThat(a.isHeld()).as("a stopped a second before the store let the lease go").isFalse();

        clock.advance(Duration.ofMillis(1));
        b.tick();
        assertThat(b.isHeld()).isTrue();
        assertThat(b.token()).isEqualTo(2);
    }

    @Test
    void aHolderWhoseLeaseWentToAnotherNodeLosesItAtItsNextTick() {
        LeaseKeeper a = keeper("node-a", store);
        LeaseKeeper b = keeper("node-b", store);
        AtomicInteger lost = new AtomicInteger();
        a.whenLost(lost::incrementAndGet);
        a.tick();
        clock.advance(TTL);
        b.tick();

        a.tick();

        assertThat(a.isHeld()).isFalse();
        assertThat(lost).hasValue(1);
        assertThat(b.isHeld()).isTrue();
    }

    @Test
    void aRenewalThatFailsEndsTheHoldingAtOnceAndTheLeaseIsRenewedWhenTheStoreIsBack() {
        LeaseKeeper keeper = keeper("node-a", flaky);
        AtomicInteger lost = new AtomicInteger();
        keeper.whenLost(lost::incrementAndGet);
        keeper.tick();

        flaky.down = true;
        clock.advance(Duration.ofMillis(1_666));
        keeper.tick();
        assertThat(keeper.isHeld()).isFalse();
        assertThat(lost).hasValue(1);

        flaky.down = false;
        clock.advance(Duration.ofMillis(1_666));
        keeper.tick();
        assertThat(keeper.isHeld()).as("its key was still there: nobody else could have held it").isTrue();
        assertThat(keeper.token()).isEqualTo(1);
    }

    @Test
    void whileTheStoreIsDownNobodyHoldsTheLeaseAndWhenItIsBackSomeoneDoes() {
        LeaseKeeper a = keeper("node-a", flaky);
        LeaseKeeper b = keeper("node-b", flaky);
        a.tick();
        flaky.down = true;
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMillis(1_666));
            a.tick();
            b.tick();
            assertThat(a.isHeld() || b.isHeld()).isFalse();
        }

        flaky.down = false;
        b.tick();
        a.tick();

        assertThat(b.isHeld()).isTrue();
        assertThat(a.isHeld()).isFalse();
        assertThat(b.token()).isEqualTo(2);
    }

    @Test
    void aHolderThatMissedItsRenewalsStopsEvenBeforeItsNextTick() {
        LeaseKeeper keeper = keeper("node-a", store);
        keeper.tick();

        clock.advance(Duration.ofSeconds(4));

        assertThat(keeper.beginRun()).isFalse();
    }

    @Test
    void closingReleasesTheLeaseAtOnceSoAnotherNodeTakesItWithoutWaiting() {
        LeaseKeeper a = keeper("node-a", store);
        LeaseKeeper b = keeper("node-b", store);
        a.tick();

        a.close();
        b.tick();

        assertThat(a.isHeld()).isFalse();
        assertThat(b.isHeld()).isTrue();
    }

    @Test
    void closingDuringARunReleasesTheLeaseOnlyWhenTheRunEnds() {
        LeaseKeeper a = keeper("node-a", store);
        LeaseKeeper b = keeper("node-b", store);
        a.tick();
        assertThat(a.beginRun()).isTrue();

        a.close();
        a.tick();
        b.tick();
        assertThat(b.isHeld()).as("the run still goes on, renewed").isFalse();
        assertThat(a.beginRun()).as("no new run once closing").isFalse();

        a.endRun();
        b.tick();
        assertThat(b.isHeld()).isTrue();
    }

    @Test
    void aClosedKeeperNeverAcquiresAgain() {
        LeaseKeeper keeper = keeper("node-a", store);
        keeper.close();

        keeper.tick();

        assertThat(keeper.isHeld()).isFalse();
        assertThat(keeper.token()).isZero();
    }

    private LeaseKeeper keeper(String node, LeaseStore leases) {
        return new LeaseKeeper("dispatch", "poller", node, leases, TTL, clock);
    }

    /** A monotonic clock that moves only when the test moves it. */
    static final class FakeNanoTime implements LongSupplier {
        private long now = 1_000_000_000L;

        void advance(Duration duration) {
            now += duration.toNanos();
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }

    /** A store whose every answer takes a while. */
    private record SlowStore(LeaseStore store, FakeNanoTime clock, Duration latency) implements LeaseStore {
        @Override
        public OptionalLong acquire(String lease, String holder, Duration ttl) {
            OptionalLong token = store.acquire(lease, holder, ttl);
            clock.advance(latency);
            return token;
        }

        @Override
        public boolean renew(String lease, String holder, long token, Duration ttl) {
            boolean renewed = store.renew(lease, holder, token, ttl);
            clock.advance(latency);
            return renewed;
        }

        @Override
        public void release(String lease, String holder, long token) {
            store.release(lease, holder, token);
        }
    }

    /** A store that can be made unreachable. */
    private static final class FailingStore implements LeaseStore {
        private final LeaseStore store;
        private boolean down;

        FailingStore(LeaseStore store) {
            this.store = store;
        }

        @Override
        public OptionalLong acquire(String lease, String holder, Duration ttl) {
            failWhenDown();
            return store.acquire(lease, holder, ttl);
        }

        @Override
        public boolean renew(String lease, String holder, long token, Duration ttl) {
            failWhenDown();
            return store.renew(lease, holder, token, ttl);
        }

        @Override
        public void release(String lease, String holder, long token) {
            failWhenDown();
            store.release(lease, holder, token);
        }

        private void failWhenDown() {
            if (down) {
                throw new StoreUnavailableException("Redis is down", null);
            }
        }
    }
}
