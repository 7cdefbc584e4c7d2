package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.PhaseResult;
import com.medsync.realtime.bench.load.PhaseWindow;
import com.medsync.realtime.bench.load.Publisher;
import com.medsync.realtime.bench.load.SocketFleet;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A phase of a load shape on the Java generator, measured as the Node.js generator measures its own: a fixed
 * count of publishes at a fixed rate; the window runs from the first publish to the last expected delivery
 * (or to the end of the drain when some never come), and the server's CPU (its whole process, /proc) and
 * this harness's CPU are read at both ends of it.
 */
final class JavaPhase {

    private final long serverPid;
    private final SocketFleet fleet;
    private final Publisher publisher;
    private final PhaseWindow window;
    private final Audience audience;
    private final int publishConnections;

    JavaPhase(long serverPid, SocketFleet fleet, Publisher publisher, PhaseWindow window, Audience audience,
            int publishConnections) {
        this.serverPid = serverPid;
        this.fleet = fleet;
        this.publisher = publisher;
        this.window = window;
        this.audience = audience;
        this.publishConnections = publishConnections;
    }

    PhaseResult run(String name, int events, double publishesPerS, long drainMillis) {
        long firstSeq = publisher.sent();
        long acceptedBefore = publisher.accepted();
        long refusedBefore = publisher.refused();
        int closedBefore = fleet.unexpectedCloses();
        window.open(firstSeq, firstSeq + events);
        Optional<Duration> server0 = cpu(ProcessHandle.of(serverPid));
        Optional<Duration> self0 = cpu(Optional.of(ProcessHandle.current()));
        long start = System.nanoTime();
        publisher.runCount(publishesPerS, events);
        publisher.awaitAnswers(publishConnections, 30_000);
        long answered = System.nanoTime();
        long accepted = publisher.accepted() - acceptedBefore;
        long refused = publisher.refused() - refusedBefore;
        long expected = expected(firstSeq, events, accepted, refused);
        long deadline = answered + drainMillis * 1_000_000;
        while (window.delivered() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        boolean complete = window.delivered() >= expected;
        Optional<Duration> server1 = cpu(ProcessHandle.of(serverPid));
        Optional<Duration> self1 = cpu(Optional.of(ProcessHandle.current()));
        long end = complete && expected > 0 ? window.lastDeliveryNanos() : System.nanoTime();
        long delivered = window.delivered();
        double serverCpuMs = millis(server0, server1);
        Histogram latency = window.latency();
        long sent = accepted + refused;
        double lastDeliverySeconds = (window.lastDeliveryNanos() - start) / 1e9;
        return new PhaseResult(name, sent, accepted, refused, refused > 0 ? "see the harness log" : null, expected, delivered,
                expected - delivered, 0, (end - start) / 1e6, delivered > 0 ? delivered / lastDeliverySeconds : 0,
                sent / ((answered - start) / 1e9), ms(latency, 50), ms(latency, 90), ms(latency, 99), ms(latency, 99.9),
                latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0, serverCpuMs,
                delivered > 0 ? serverCpuMs * 1000 / delivered : Double.NaN, millis(self0, self1),
                fleet.unexpectedCloses() - closedBefore);
    }

    /**
     * @return the deliveries the accepted publishes must cause: exact when every publish was accepted (each
     *     seq's room is known), the mean room size per accepted publish otherwise
     */
    private long expected(long firstSeq, int events, long accepted, long refused) {
        if (refused == 0 && accepted == events) {
            long expected = 0;
            for (long seq = firstSeq; seq < firstSeq + events; seq++) {
                expected += audience.roomSize(audience.roomOfPublish(seq));
            }
            return expected;
        }
        return Math.round(accepted * audience.fanOut());
    }

    private static Optional<Duration> cpu(Optional<ProcessHandle> process) {
        return process.flatMap(handle -> handle.info().totalCpuDuration());
    }

    private static double millis(Optional<Duration> before, Optional<Duration> after) {
        return before.isPresent() && after.isPresent() ? after.get().minus(before.get()).toNanos() / 1e6 : Double.NaN;
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
