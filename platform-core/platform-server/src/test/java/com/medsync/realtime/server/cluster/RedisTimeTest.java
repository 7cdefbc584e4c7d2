package com.medsync.realtime.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RedisTimeTest {

    /** A node clock that moves only when told. */
    private static final class NodeClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private final NodeClock node = new NodeClock();
    private final AtomicInteger reads = new AtomicInteger();
    /** Redis runs an hour behind the node. */
    private final long redisBehind = Duration.ofHours(1).toMillis();

    private RedisTime redisTime() {
        return new RedisTime(() -> {
            reads.incrementAndGet();
            return node.millis() - redisBehind;
        }, node, Duration.ofMinutes(1));
    }

    @Test
    void itIsRedissClockNotTheNodes() {
        RedisTime time = redisTime();

        assertThat(time.millis()).isEqualTo(node.millis() - redisBehind);
    }

    @Test
    void theReadingIsReusedUntilItIsStaleAndFollowsTheNodesClockMeanwhile() {
        RedisTime time = redisTime();
        time.millis();

        node.millis.addAndGet(30_000);
        assertThat(time.millis()).isEqualTo(node.millis() - redisBehind);
        assertThat(reads).hasValue(1);

        node.millis.addAndGet(30_000);
        time.millis();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aNodeClockSetBackReadsRedisAgain() {
        RedisTime time = redisTime();
        time.millis();

        node.millis.addAndGet(-5_000);

        assertThat(time.millis()).isEqualTo(node.millis() - redisBehind);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadingIsTriedAgainByTheNextCall() {
        AtomicInteger calls = new AtomicInteger();
        RedisTime time = new RedisTime(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Redis is unreachable");
            }
            return 42_000L;
        }, node, Duration.ofMinutes(1));

        assertThatThrownBy(time::millis).hasMessage("Redis is unreachable");
        assertThat(time.millis()).isEqualTo(42_000L);
    }

    @Test
    void timesAnswerIsSecondsAndMicroseconds() {
        assertThat(RedisTime.millisOf(List.of("1700000000", "123456"))).isEqualTo(1_700_000_000_123L);
        assertThatThrownBy(() -> RedisTime.millisOf(List.of("1700000000"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1700000000]");
    }
}
