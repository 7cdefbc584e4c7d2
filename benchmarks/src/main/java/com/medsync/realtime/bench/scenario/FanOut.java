package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.DeliveryRecorder;
import com.medsync.realtime.bench.load.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Fan-out: sockets held in pharmacy rooms, {@code order:new} published through the server's HTTP endpoint at
 * a rising rate. A step's delivered rate is the deliveries its publishes caused divided by the time until
 * the last of them arrived, so a server that queues instead of keeping up is measured by when it catches up.
 * A step is saturated when the publisher could not send what was asked (answers too slow) or deliveries fell
 * below 80% of what was offered; the ramp stops after two saturated steps in a row, so one burst of noise
 * from a shared machine does not end it early.
 *
 * <p>A step the server <em>kept up with</em> is one that was not saturated and whose median publish-to-receive
 * stayed at most {@link #KEPT_UP_P50_MS}. "Not saturated" alone is a weak test: a server that falls behind still
 * delivers 80-97% of a two-second step's events by the time it catches up, while its median climbs from a few
 * milliseconds to tens or hundreds, each event waiting behind the ones before it. The median separates the two
 * states cleanly (1-5 ms below the knee, 60 ms and more past it, for each of the three servers), where the tail
 * would also count the collector's pauses.
 */
public final class FanOut {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
    /** The most a step's median publish-to-receive may be for the server to have kept up with it. */
    public static final double KEPT_UP_P50_MS = 25;

    /** One rate of the ramp. */
    public record Step(double offeredPublishesPerS, double sentPublishesPerS, double offeredEventsPerS,
            double deliveredEventsPerS, Latency latency) {

        /** @return whether the server fell behind: its answers held the publisher back, or deliveries lagged */
        public boolean saturated() {
            return sentPublishesPerS < 0.9 * offeredPublishesPerS || deliveredEventsPerS < 0.8 * offeredEventsPerS;
        }

        /** @return whether the server delivered the step's events as they came, not from a backlog */
        public boolean keptUp() {
            return !saturated() && latency.p50() <= KEPT_UP_P50_MS;
        }
    }

    /**
     * The ramp's steps.
     *
     * @param saturationEventsPerS the highest delivered rate of any step (the peak)
     * @param sustainedPublishesPerS the highest publish rate of a step that was not saturated: deliveries may
     *     already lag behind there, but they do not fall below 80% of the offered rate
     * @param keptUpPublishesPerS the highest publish rate of a step the server {@linkplain Step#keptUp kept up
     *     with}; 0 when it kept up with none
     */
    public record Ramp(List<Step> steps, double saturationEventsPerS, double saturationPublishesPerS,
            double sustainedPublishesPerS, double keptUpPublishesPerS) {
    }

    private final Audience audience;
    private final DeliveryRecorder recorder;
    private final Publisher publisher;
    private final int publishConnections;

    public FanOut(Audience audience, DeliveryRecorder recorder, Publisher publisher, int publishConnections) {
        this.audience = audience;
        this.recorder = recorder;
        this.publisher = publisher;
        this.publishConnections = publishConnections;
    }

    public Ramp ramp(double firstPublishesPerS, double factor, int maxSteps, long stepMillis) {
        List<Step> steps = new ArrayList<>();
        double best = 0;
        double bestPublishes = 0;
        double sustained = 0;
        double keptUp = 0;
        double rate = firstPublishesPerS;
        int saturatedInARow = 0;
        for (int i = 0; i < maxSteps && saturatedInARow < 2; i++) {
            Step step = run(rate, stepMillis);
            steps.add(step);
            LOG.info("fan-out step: offered {}/s publishes ({} events/s), sent {}/s, delivered {} events/s, p50 {} ms, p99 {} ms{}",
                    Math.round(step.offeredPublishesPerS()), Math.round(step.offeredEventsPerS()),
                    Math.round(step.sentPublishesPerS()), Math.round(step.deliveredEventsPerS()), step.latency().p50(),
                    step.latency().p99(), step.keptUp() ? ", kept up" : step.saturated() ? ", saturated" : ", behind");
            if (step.deliveredEventsPerS() > best) {
                best = step.deliveredEventsPerS();
                bestPublishes = best / audience.fanOut();
            }
            if (!step.saturated()) {
                sustained = Math.max(sustained, step.offeredPublishesPerS());
            }
            if (step.keptUp()) {
                keptUp = Math.max(keptUp, step.offeredPublishesPerS());
            }
            saturatedInARow = step.saturated() ? saturatedInARow + 1 : 0;
            rate *= factor;
        }
        return new Ramp(steps, best, bestPublishes, sustained, keptUp);
    }

    /** Publishes at one rate for {@code millis}, then waits for every delivery it caused. */
    public Step run(double publishesPerS, long millis) {
        recorder.latencySinceLastRead();
        long deliveredBefore = recorder.delivered();
        long start = System.nanoTime();
        long sent = publisher.run(publishesPerS, millis * 1_000_000);
        long publishEnd = System.nanoTime();
        publisher.awaitAnswers(publishConnections, 30_000);
        long lastDelivery = Drain.untilQuiet(recorder, 500, 30_000);
        long delivered = recorder.delivered() - deliveredBefore;
        double seconds = Math.max(lastDelivery, publishEnd) - start;
        seconds /= 1e9;
        return new Step(publishesPerS, sent / ((publishEnd - start) / 1e9), publishesPerS * audience.fanOut(),
                delivered / seconds, Latency.of(recorder.latencySinceLastRead()));
    }
}
