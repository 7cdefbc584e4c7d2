package com.medsync.realtime.plugins.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Instant start = Instant.parse("2024-12-20T10:00:00Z");

    @Test
    void doublesPerFailureUpToFiveMinutes() {
        Backoff backoff = new Backoff(Duration.ofSeconds(15));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.delay(5)).isEqualTo(Backoff.CAP);
        assertThat(backoff.delay(500)).isEqualTo(Backoff.CAP);
    }

    @Test
    void aFailingDispatchWaitsAndRecoversOnSuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(15));
        assertThat(backoff.isDue("d1", start)).isTrue();

        assertThat(backoff.failed("d1", start)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.isDue("d1", start.plusSeconds(29))).isFalse();
        assertThat(backoff.isDue("d2", start)).as("other dispatches keep their pace").isTrue();
        assertThat(backoff.isDue("d1", start.plusSeconds(30))).isTrue();
        assertThat(backoff.failed("d1", start.plusSeconds(30))).isEqualTo(Duration.ofSeconds(60));

        backoff.succeeded("d1");
        assertThat(backoff.isDue("d1", start.plusSeconds(31))).isTrue();
        assertThat(backoff.failed("d1", start.plusSeconds(31))).isEqualTo(Duration.ofSeconds(30));
    }
}
