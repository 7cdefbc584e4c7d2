package com.medsync.realtime.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StreamLagTest {

    @Test
    void aReaderWithNothingUndeliveredIsNotBehind() {
        assertThat(StreamLag.of(1_700_000_005_000L, Optional.empty(), 0)).isEqualTo(StreamLag.NONE);
    }

    @Test
    void theLagIsHowLongTheOldestUndeliveredEntryWaitedByRedissClock() {
        StreamLag lag = StreamLag.of(1_700_000_005_000L, Optional.of("1700000002500-3"), 42);

        assertThat(lag.events()).isEqualTo(42);
        assertThat(lag.capped()).isFalse();
        assertThat(lag.oldest()).isEqualTo(Duration.ofMillis(2_500));
    }

    @Test
    void aReaderFarBehindIsCountedUpToTheCap() {
        StreamLag lag = StreamLag.of(1_700_000_005_000L, Optional.of("1700000000000-0"), StreamLag.COUNT_CAP + 1);

        assertThat(lag.events()).isEqualTo(StreamLag.COUNT_CAP);
        assertThat(lag.capped()).isTrue();
    }

    @Test
    void anEntryStampedAfterRedissNowHasNotWaited() {
        assertThat(StreamLag.of(1_000L, Optional.of("1001-0"), 1).oldest()).isEqualTo(Duration.ZERO);
    }

    @Test
    void anIdThatIsNotAStreamIdIsNamed() {
        assertThatThrownBy(() -> StreamLag.millisOf("x-1")).hasMessageContaining("not a stream entry id: x-1");
    }
}
