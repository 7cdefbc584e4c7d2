package com.medsync.realtime.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AcceptToWriteTest {

    private static String scrape(long under1ms, long under5ms, long under10ms, long all) {
        return "# HELP medsync_delivery_write_seconds accept to write\n"
                + "# TYPE medsync_delivery_write_seconds histogram\n"
                + "medsync_delivery_write_seconds_bucket{le=\"0.001\"} " + under1ms + "\n"
                + "medsync_delivery_write_seconds_bucket{le=\"0.005\"} " + under5ms + "\n"
                + "medsync_delivery_write_seconds_bucket{le=\"0.01\"} " + under10ms + "\n"
                + "medsync_delivery_write_seconds_bucket{le=\"+Inf\"} " + all + "\n"
                + "medsync_delivery_write_seconds_count " + all + "\n"
                + "medsync_delivery_write_seconds_sum 1.5\n"
                + "medsync_delivery_backlog 0.0\n";
    }

    @Test
    void theDifferenceOfTwoScrapesGivesTheStepsQuantilesInterpolatedWithinTheirBucket() {
        AcceptToWrite.Snapshot before = AcceptToWrite.parse(scrape(100, 100, 100, 100)).orElseThrow();
        AcceptToWrite.Snapshot after = AcceptToWrite.parse(scrape(150, 250, 300, 300)).orElseThrow();

        AcceptToWrite.Snapshot step = after.minus(before);

        assertThat(step.count()).isEqualTo(200);
        // 50 below 1 ms, 100 in (1, 5], 50 in (5, 10]: the median is halfway through the second bucket.
        assertThat(step.quantileMs(0.5)).isCloseTo(3.0, within(1e-9));
        assertThat(step.quantileMs(0.99)).isCloseTo(5 + 5 * (198 - 150) / 50.0, within(1e-9));
    }

    @Test
    void aQuantileInTheInfiniteBucketIsTheHighestFiniteBound() {
        AcceptToWrite.Snapshot snapshot = AcceptToWrite.parse(scrape(0, 0, 10, 100)).orElseThrow();

        assertThat(snapshot.quantileMs(0.99)).isEqualTo(10.0);
    }

    @Test
    void labelsBesideLeAreSummedAndOtherMetricsIgnored() {
        String text = "medsync_delivery_write_seconds_bucket{namespace=\"/a\",le=\"0.001\",} 1.0\n"
                + "medsync_delivery_write_seconds_bucket{namespace=\"/b\",le=\"0.001\",} 3.0\n"
                + "medsync_delivery_write_seconds_bucket{namespace=\"/a\",le=\"+Inf\",} 2.0\n"
                + "medsync_delivery_write_seconds_bucket{namespace=\"/b\",le=\"+Inf\",} 4.0\n";

        AcceptToWrite.Snapshot snapshot = AcceptToWrite.parse(text).orElseThrow();

        assertThat(snapshot.buckets()).containsEntry(0.001, 4.0).containsEntry(Double.POSITIVE_INFINITY, 6.0);
    }

    @Test
    void aServerWithoutTheMetricHasNone() {
        assertThat(AcceptToWrite.parse("medsync_delivery_backlog 0.0\n")).isEmpty();
    }
}
