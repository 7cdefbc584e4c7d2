package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.DeliveryRecorder;
import com.medsync.realtime.bench.server.AcceptToWrite;
import com.medsync.realtime.bench.server.ServerUnderTest;

import java.time.Duration;
import java.util.Optional;

/**
 * Latency at half load, with what says whether the shared cores disturbed it: the CPU the server used and
 * the CPU this harness (the load generator: publisher and receiving sockets) used during the same step, and,
 * where the server records it ({@code medsync_delivery_write_seconds} on /metrics), the server-side
 * accept-to-write delay, which the generator's own queueing for a core does not inflate.
 *
 * @param wallMs the step's duration: its publishing, then until its last delivery arrived and 500 ms passed quiet
 * @param delivered events the step's sockets received
 * @param acceptToWriteP50Ms server-side delay, interpolated within the histogram's buckets; NaN when absent
 */
public record HalfLoad(FanOut.Step step, double wallMs, long delivered, double serverCpuMs, double serverCpuUsPerEvent,
        double generatorCpuMs, double generatorCpuUsPerEvent, long acceptToWriteCount, double acceptToWriteP50Ms,
        double acceptToWriteP99Ms) {

    public static HalfLoad run(ServerUnderTest server, FanOut fanOut, DeliveryRecorder recorder, double publishesPerS,
            long millis) {
        Optional<AcceptToWrite.Snapshot> before = AcceptToWrite.scrape(server.httpPort());
        long deliveredBefore = recorder.delivered();
        Optional<Duration> server0 = cpu(ProcessHandle.of(server.pid()));
        Optional<Duration> self0 = cpu(Optional.of(ProcessHandle.current()));
        long start = System.nanoTime();
        FanOut.Step step = fanOut.run(publishesPerS, millis);
        double wallMs = (System.nanoTime() - start) / 1e6;
        Optional<Duration> server1 = cpu(ProcessHandle.of(server.pid()));
        Optional<Duration> self1 = cpu(Optional.of(ProcessHandle.current()));
        long delivered = recorder.delivered() - deliveredBefore;
        Optional<AcceptToWrite.Snapshot> after = AcceptToWrite.scrape(server.httpPort());
        Optional<AcceptToWrite.Snapshot> during = before.flatMap(b -> after.map(a -> a.minus(b)));
        double serverMs = millis(server0, server1);
        double selfMs = millis(self0, self1);
        return new HalfLoad(step, wallMs, delivered, serverMs, perEvent(serverMs, delivered), selfMs, perEvent(selfMs, delivered),
                during.map(d -> Math.round(d.count())).orElse(0L),
                during.map(d -> d.quantileMs(0.5)).orElse(Double.NaN),
                during.map(d -> d.quantileMs(0.99)).orElse(Double.NaN));
    }

    /** @return the share of the machine's cores the server and the generator used together during the step */
    public double coresBusy(int cores) {
        return (serverCpuMs + generatorCpuMs) / (wallMs * cores);
    }

    private static Optional<Duration> cpu(Optional<ProcessHandle> process) {
        return process.flatMap(handle -> handle.info().totalCpuDuration());
    }

    private static double millis(Optional<Duration> before, Optional<Duration> after) {
        return before.isPresent() && after.isPresent() ? after.get().minus(before.get()).toNanos() / 1e6 : Double.NaN;
    }

    private static double perEvent(double cpuMs, long delivered) {
        return delivered > 0 ? cpuMs * 1000 / delivered : Double.NaN;
    }
}
