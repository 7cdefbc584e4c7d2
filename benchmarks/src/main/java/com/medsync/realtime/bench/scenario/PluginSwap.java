package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.DeliveryRecorder;
import com.medsync.realtime.bench.load.Publisher;
import com.medsync.realtime.bench.server.MedsyncServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Plugin swap under load (MedSync only): fan-out on {@code /patient-pharmacy} at a steady rate while the
 * admin API applies week3 (legacy-aliases stops, {@code /} goes away) and then week1 again. Every publish the
 * server accepted must reach every socket of its pharmacy room: events lost is counted exactly, from the
 * accepted sequence numbers and what each socket received. The latency bump is the worst p99 of a 500 ms
 * window around the swaps against the p99 before them.
 */
public final class PluginSwap {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSwap.class);
    private static final long WINDOW_MILLIS = 500;

    /** What the swap did to the traffic. */
    public record Result(double publishesPerS, long accepted, long refused, long expectedDeliveries, long lostDeliveries,
            double p99BeforeMs, double worstWindowP99Ms, double maxMs, List<Double> windowP99Ms, List<String> timeline) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginSwap() {
    }

    /** @return the admin API's answer in short: the phase and each plugin's state */
    private static String states(String answer) {
        try {
            JsonNode phase = JSON.readTree(answer);
            StringBuilder text = new StringBuilder(phase.path("current").asText());
            for (JsonNode plugin : phase.path("plugins")) {
                text.append(", ").append(plugin.path("id").asText()).append(' ').append(plugin.path("state").asText());
            }
            return text.toString();
        } catch (JsonProcessingException e) {
            return answer;
        }
    }

    public static Result run(MedsyncServer server, Audience audience, DeliveryRecorder recorder, Publisher publisher,
            int publishConnections, double publishesPerS, long phaseMillis) {
        recorder.trackSequences(audience.sockets());
        publisher.trackAccepted();
        recorder.latencySinceLastRead();
        long totalMillis = phaseMillis * 3;
        CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(
                () -> publisher.run(publishesPerS, totalMillis * 1_000_000));
        List<Double> windows = new ArrayList<>();
        List<String> timeline = new ArrayList<>();
        long start = System.nanoTime();
        Histogram before = new Histogram(3);
        Histogram all = new Histogram(3);
        boolean appliedWeek3 = false;
        boolean appliedWeek1 = false;
        while (!publishing.isDone()) {
            Drain.sleep(WINDOW_MILLIS);
            Histogram window = recorder.latencySinceLastRead();
            all.add(window);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            windows.add(window.getValueAtPercentile(99) / 1000.0);
            if (!appliedWeek3) {
                before.add(window);
            }
            if (!appliedWeek3 && elapsed >= phaseMillis) {
                appliedWeek3 = true;
                timeline.add(elapsed + " ms: apply week3 -> " + states(server.applyPhase("week3")));
            } else if (appliedWeek3 && !appliedWeek1 && elapsed >= 2 * phaseMillis) {
                appliedWeek1 = true;
                timeline.add(elapsed + " ms: apply week1 -> " + states(server.applyPhase("week1")));
            }
        }
        publisher.awaitAnswers(publishConnections, 30_000);
        Drain.untilQuiet(recorder, 1000, 30_000);
        all.add(recorder.latencySinceLastRead());

        BitSet accepted = publisher.acceptedSeqs();
        long expected = 0;
        long lost = 0;
        for (int seq = accepted.nextSetBit(0); seq >= 0; seq = accepted.nextSetBit(seq + 1)) {
            int room = audience.roomOfPublish(seq);
            for (int socket = room; socket < audience.sockets(); socket += audience.rooms()) {
                expected++;
                if (!recorder.received(socket, seq)) {
                    lost++;
                }
            }
        }
        double worst = windows.stream().skip(Math.max(0, phaseMillis / WINDOW_MILLIS - 1)).mapToDouble(Double::doubleValue).max().orElse(0);
        Result result = new Result(publishesPerS, publisher.accepted(), publisher.refused(), expected, lost,
                before.getValueAtPercentile(99) / 1000.0, worst, all.getMaxValue() / 1000.0, windows, timeline);
        LOG.info("plugin swap: {} publishes accepted, {} refused, {} deliveries expected, {} lost, p99 before {} ms, worst window p99 {} ms",
                result.accepted(), result.refused(), expected, lost, result.p99BeforeMs(), worst);
        return result;
    }
}
