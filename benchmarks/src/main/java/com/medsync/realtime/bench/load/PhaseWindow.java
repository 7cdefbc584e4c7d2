package com.medsync.realtime.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the deliveries of one phase only, by sequence number: a straggler of an earlier phase (or of the
 * warm-up) can neither inflate the phase's delivered count nor hide one of its losses. Also keeps the phase's
 * latency and the time of its last delivery, which ends the window its CPU is measured over.
 */
public final class PhaseWindow implements DeliverySink {

    private volatile long firstSeq = Long.MAX_VALUE;
    private volatile long endSeq = Long.MAX_VALUE;
    private final LongAdder delivered = new LongAdder();
    private final AtomicLong lastDeliveryNanos = new AtomicLong();
    private final Recorder latencyMicros = new Recorder(3);

    /** Starts counting deliveries of publishes {@code firstSeq .. endSeq-1}; forgets the previous phase. */
    public void open(long firstSeq, long endSeq) {
        this.firstSeq = Long.MAX_VALUE;
        delivered.reset();
        latencyMicros.getIntervalHistogram();
        this.endSeq = endSeq;
        this.firstSeq = firstSeq;
    }

    @Override
    public void delivered(int socket, long seq, long sentNanos, long receivedNanos) {
        if (seq < firstSeq || seq >= endSeq) {
            return;
        }
        delivered.increment();
        latencyMicros.recordValue(Math.max(0, (receivedNanos - sentNanos) / 1000));
        lastDeliveryNanos.accumulateAndGet(receivedNanos, Math::max);
    }

    public long delivered() {
        return delivered.sum();
    }

    /** @return the {@link System#nanoTime()} of the latest delivery counted so far */
    public long lastDeliveryNanos() {
        return lastDeliveryNanos.get();
    }

    /** @return the phase's latencies (microseconds) since it opened */
    public Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }
}
