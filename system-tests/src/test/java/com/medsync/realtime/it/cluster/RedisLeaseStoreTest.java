package com.medsync.realtime.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.RedisServer;
import com.medsync.realtime.server.cluster.RedisLeaseStore;
import com.medsync.realtime.server.cluster.RedisLink;
import com.medsync.realtime.server.config.ServerSettings.RedisSettings;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The Redis lease store against a real redis-server: one holder at a time, growing tokens, expiry, release. */
class RedisLeaseStoreTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final String LEASE = "dispatch/provider-poller";

    private RedisServer redis;
    private RedisLink link;
    private RedisLeaseStore leases;

    @BeforeEach
    void connect() throws InterruptedException {
        redis = RedisServer.start();
        link = new RedisLink(new RedisSettings(redis.url(), "lease-test-" + UUID.randomUUID() + ":",
                Duration.ofSeconds(1), Duration.ofSeconds(150), Duration.ofSeconds(1), Duration.ofSeconds(10), TTL));
        CountDownLatch connected = new CountDownLatch(1);
        link.start(connected::countDown);
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("connected to " + redis.url()).isTrue();
        leases = new RedisLeaseStore(link);
    }

    @AfterEach
    void close() {
        link.close();
        redis.close();
    }

    @Test
    void oneHolderAtATimeWithAGreaterTokenForEachNewHolder() {
        OptionalLong a = leases.acquire(LEASE, "node-a", TTL);
        assertThat(a).hasValue(1);
        assertThat(leases.acquire(LEASE, "node-b", TTL)).isEmpty();
        assertThat(leases.acquire(LEASE, "node-a", TTL)).as("not even its holder takes it twice").isEmpty();

        leases.release(LEASE, "node-a", 1);

        assertThat(leases.acquire(LEASE, "node-b", TTL)).hasValue(2);
        assertThat(leases.acquire("dispatch/other", "node-a", TTL)).as("each lease has its own tokens").hasValue(1);
    }

    @Test
    void onlyTheHolderWithItsTokenRenewsOrReleases() {
        leases.acquire(LEASE, "node-a", TTL);

        assertThat(leases.renew(LEASE, "node-a", 1, TTL)).isTrue();
        assertThat(leases.renew(LEASE, "node-b", 1, TTL)).isFalse();
        assertThat(leases.renew(LEASE, "node-a", 7, TTL)).isFalse();
        leases.release(LEASE, "node-b", 1);
        leases.release(LEASE, "node-a", 7);

        assertThat(leases.acquire(LEASE, "node-b", TTL)).isEmpty();
    }

    @Test
    void anUnrenewedLeaseExpiresAndCannotBeRenewedAfterwards() {
        leases.acquire(LEASE, "node-a", Duration.ofMillis(200));

        Await.until("the lease to expire", Duration.ofSeconds(5),
                () -> leases.acquire(LEASE, "node-b", TTL).isPresent());

        assertThat(leases.renew(LEASE, "node-a", 1, TTL)).isFalse();
    }

    @Test
    void aRenewalExtendsTheLease() {
        leases.acquire(LEASE, "node-a", Duration.ofMillis(300));

        assertThat(leases.renew(LEASE, "node-a", 1, TTL)).isTrue();

        assertThat(link.commands().pttl(link.key("lease:" + LEASE))).isGreaterThan(300L);
    }

    @Test
    void withoutRedisEveryOperationFailsAsUnavailable() {
        leases.acquire(LEASE, "node-a", TTL);
        redis.kill();

        assertThatThrownBy(() -> leases.renew(LEASE, "node-a", 1, TTL)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> leases.acquire(LEASE, "node-b", TTL)).isInstanceOf(StoreUnavailableException.class);
    }
}
