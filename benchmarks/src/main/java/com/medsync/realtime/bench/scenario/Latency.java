package com.medsync.realtime.bench.scenario;

import org.HdrHistogram.Histogram;

/** Publish-to-receive latency percentiles, in milliseconds. */
public record Latency(long count, double p50, double p99, double p999, double max) {

    public static Latency of(Histogram micros) {
        return new Latency(micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }
}
