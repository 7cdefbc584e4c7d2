package com.medsync.realtime.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CommandLatencyBucketsTest {

    private final PlatformMetrics metrics = new PlatformMetrics();

    @Test
    void aRedisCommandTimerHasTheFixedBucketsWhateverItsRecorderAsks() {
        // What Lettuce's MicrometerCommandLatencyRecorder registers with histogram(true).
        Timer xadd = Timer.builder("lettuce.command.completion").tags("command", "XADD")
                .publishPercentileHistogram(true).publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(metrics.registry());
        xadd.record(Duration.ofMillis(3));
        xadd.record(Duration.ofMillis(30));

        String[] buckets = lines("lettuce_command_completion_seconds_bucket");

        assertThat(buckets).hasSize(15);
        assertThat(buckets).anyMatch(line -> line.contains("le=\"0.01\"} 1"))
                .anyMatch(line -> line.contains("le=\"0.05\"} 2"))
                .anyMatch(line -> line.contains("le=\"+Inf\"} 2"));
        assertThat(metrics.scrape()).doesNotContain("quantile=");
    }

    @Test
    void theServersOwnHistogramsKeepTheirBuckets() {
        metrics.deliveryWritten(Duration.ofMillis(3).toNanos());

        assertThat(lines("medsync_delivery_write_seconds_bucket").length).isGreaterThan(15);
    }

    private String[] lines(String prefix) {
        return Arrays.stream(metrics.scrape().split("\n")).filter(line -> line.startsWith(prefix))
                .toArray(String[]::new);
    }
}
