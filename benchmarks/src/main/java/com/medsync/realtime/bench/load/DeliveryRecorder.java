package com.medsync.realtime.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.BitSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fleet received: a delivery count, publish-to-receive latency (microseconds, HdrHistogram, read per
 * interval), and optionally, for exact loss counting, which sequence numbers each socket got.
 */
public final class DeliveryRecorder implements DeliverySink {

    private final LongAdder delivered = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3);
    private volatile BitSet[] received;

    @Override
    public void delivered(int socket, long seq, long sentNanos, long receivedNanos) {
        delivered.increment();
        latencyMicros.recordValue(Math.max(0, (receivedNanos - sentNanos) / 1000));
        BitSet[] perSocket = received;
        if (perSocket != null && socket < perSocket.length) {
            BitSet bits = perSocket[socket];
            synchronized (bits) {
                bits.set((int) seq);
            }
        }
    }

    /** Starts remembering, for sockets {@code 0 .. sockets-1}, every sequence number each one receives. */
    public void trackSequences(int sockets) {
        BitSet[] perSocket = new BitSet[sockets];
        for (int i = 0; i < sockets; i++) {
            perSocket[i] = new BitSet();
        }
        received = perSocket;
    }

    /** @return whether socket {@code socket} received {@code seq} (only while tracking) */
    public boolean received(int socket, int seq) {
        BitSet bits = received[socket];
        synchronized (bits) {
            return bits.get(seq);
        }
    }

    public long delivered() {
        return delivered.sum();
    }

    /** @return the latencies recorded since the previous call (microseconds) */
    public Histogram latencySinceLastRead() {
        return latencyMicros.getIntervalHistogram();
    }
}
