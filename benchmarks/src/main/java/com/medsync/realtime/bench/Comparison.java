package com.medsync.realtime.bench;

import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.DeliveryRecorder;
import com.medsync.realtime.bench.load.Publisher;
import com.medsync.realtime.bench.load.SocketFleet;
import com.medsync.realtime.bench.load.Tokens;
import com.medsync.realtime.bench.report.ServerResults;
import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.ConnectStorm;
import com.medsync.realtime.bench.scenario.FanOut;
import com.medsync.realtime.bench.scenario.HalfLoad;
import com.medsync.realtime.bench.scenario.PluginSwap;
import com.medsync.realtime.bench.scenario.Profile;
import com.medsync.realtime.bench.server.Jcmd;
import com.medsync.realtime.bench.server.MedsyncServer;
import com.medsync.realtime.bench.server.ServerUnderTest;
import com.medsync.realtime.bench.server.Servers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One repeat of the comparison on one server: capacity, connect storm, the fan-out ramp and the latency at
 * half load; in the first repeat MedSync also goes through the plugin swap and the JVM servers through a
 * profiled saturation run (once per run: they explain figures, they are not compared across repeats).
 * Two fixed rates follow the ramp, each the same for every server and every repeat (taken from MedSync's first
 * repeat), so the three figures of a server are at one offered rate:
 * <ul>
 * <li><b>half load</b>: half of the highest rate MedSync {@linkplain FanOut.Step#keptUp kept up with};
 * <li><b>heavy load</b>: half of the highest rate at which MedSync's deliveries stayed above 80% of the offered
 *     rate (what this harness called half load before 2026-12-06). On two cores shared with the load generator
 *     that rate keeps both cores busy: it shows how the servers behave past the knee, and it is the load of the
 *     plugin swap.
 * </ul>
 */
final class Comparison {

    private static final Logger LOG = LoggerFactory.getLogger(Comparison.class);

    private final Settings settings;
    private final Servers servers;
    private final Tokens tokens;
    private final Path work;
    private double halfLoadPublishesPerS;
    private double heavyLoadPublishesPerS;
    private PluginSwap.Result swap;
    private final Map<String, Profile.Summary> profiles = new LinkedHashMap<>();

    Comparison(Settings settings, Servers servers, Tokens tokens, Path work) {
        this.settings = settings;
        this.servers = servers;
        this.tokens = tokens;
        this.work = work;
    }

    PluginSwap.Result swap() {
        return swap;
    }

    Map<String, Profile.Summary> profiles() {
        return profiles;
    }

    ServerResults measure(String key, int repeat) {
        LOG.info("==== {} (repeat {}) ====", key, repeat);
        Capacity.Result capacity = null;
        ConnectStorm.Result storm = null;
        FanOut.Ramp ramp = null;
        HalfLoad halfLoad = null;
        HalfLoad heavyLoad = null;
        int closes = 0;
        String label = key;
        String capacityError = null;
        boolean first = repeat == 1;
        try (ServerUnderTest server = servers.start(key, "week1", "comparison-" + repeat);
             SocketFleet fleet = new SocketFleet(server.socketPort(), tokens, settings.clientThreads())) {
            label = server.label();
            try {
                capacity = Capacity.run(server, settings.capacityLevels(), new Capacity.Generators(settings.nodeLoadgen(), work,
                        servers.secrets().jwtSecret(), settings.capacitySocketsPerProcess(), settings.capacityAddresses(),
                        settings.connectWindow(), settings.capacityFdMargin()));
            } catch (RuntimeException e) {
                // The node generator's processes hold these sockets: their failure must not cost the other figures.
                LOG.error("{} (repeat {}): capacity failed", key, repeat, e);
                capacityError = "capacity: " + e.getMessage();
            }
            storm = ConnectStorm.run(fleet, settings.stormConnections(), settings.connectWindow());
            LOG.info("connect storm {}: {}", key, storm);

            Audience audience = new Audience(settings.fanOutSockets(), settings.fanOutRooms());
            DeliveryRecorder recorder = new DeliveryRecorder();
            SocketFleet.Opened opened = fleet.open(audience, 0, audience.sockets(), settings.connectWindow(), recorder);
            if (opened.failed() > 0) {
                throw new IllegalStateException(opened.failed() + " fan-out sockets failed to connect: " + opened.firstFailure());
            }
            try (Publisher publisher = new Publisher(server.httpPort(), server.apiKey(), audience, settings.publishConnections())) {
                FanOut fanOut = new FanOut(audience, recorder, publisher, settings.publishConnections());
                // JIT and connection pools, at the ramp's first rate and then three times it: with a short warm-up
                // the ramp's early steps measured the JIT compiling (p99 of hundreds of ms at a fifth of capacity).
                fanOut.run(settings.firstPublishesPerS(), settings.warmUpMillis() / 2);
                fanOut.run(3 * settings.firstPublishesPerS(), settings.warmUpMillis() / 2);
                ramp = fanOut.ramp(settings.firstPublishesPerS(), settings.rampFactor(), settings.maxSteps(), settings.stepMillis());
                if (server instanceof MedsyncServer && halfLoadPublishesPerS <= 0) {
                    halfLoadPublishesPerS = halfOfKeptUp(ramp);
                    heavyLoadPublishesPerS = halfOfSustained(ramp);
                }
                double half = settings.halfLoadPublishesPerS() > 0 ? settings.halfLoadPublishesPerS()
                        : halfLoadPublishesPerS > 0 ? halfLoadPublishesPerS : halfOfKeptUp(ramp);
                halfLoad = HalfLoad.run(server, fanOut, recorder, half, settings.halfLoadMillis());
                LOG.info("half load {} ({} publishes/s): {}", key, Math.round(half), halfLoad);
                double heavy = heavyLoadPublishesPerS > 0 ? heavyLoadPublishesPerS : halfOfSustained(ramp);
                heavyLoad = HalfLoad.run(server, fanOut, recorder, heavy, settings.halfLoadMillis());
                LOG.info("heavy load {} ({} publishes/s): {}", key, Math.round(heavy), heavyLoad);
                if (first && server instanceof MedsyncServer medsync) {
                    // Before the profiled saturation run, so the swap starts from the heavy-load state.
                    swap = swapUnderLoad(medsync, audience, recorder);
                }
                if (first && server.isJvm()) {
                    profiles.put(key, profileAtSaturation(server, fanOut, ramp));
                }
            }
            closes = fleet.unexpectedCloses();
            return new ServerResults(key, label, repeat, capacity, storm, ramp, halfLoad, heavyLoad, closes, capacityError);
        } catch (RuntimeException e) {
            LOG.error("{} (repeat {}) stopped early", key, repeat, e);
            String error = String.valueOf(e.getMessage());
            return new ServerResults(key, label, repeat, capacity, storm, ramp, halfLoad, heavyLoad, closes,
                    capacityError == null ? error : capacityError + "; " + error);
        }
    }

    /** @return half of the highest rate the server kept up with (half its sustained rate when it kept up with none) */
    private static double halfOfKeptUp(FanOut.Ramp ramp) {
        return ramp.keptUpPublishesPerS() > 0 ? ramp.keptUpPublishesPerS() / 2 : halfOfSustained(ramp);
    }

    /** @return half of the rate the server sustained (half its peak when no step was sustained) */
    private static double halfOfSustained(FanOut.Ramp ramp) {
        return (ramp.sustainedPublishesPerS() > 0 ? ramp.sustainedPublishesPerS() : ramp.saturationPublishesPerS()) / 2;
    }

    /** The plugin swap, with a publisher of its own so sequence numbers start at 0 for exact loss counting. */
    private PluginSwap.Result swapUnderLoad(MedsyncServer server, Audience audience, DeliveryRecorder recorder) {
        try (Publisher publisher = new Publisher(server.httpPort(), server.apiKey(), audience, settings.publishConnections())) {
            return PluginSwap.run(server, audience, recorder, publisher, settings.publishConnections(),
                    heavyLoadPublishesPerS, settings.swapPhaseMillis());
        }
    }

    /** A JFR recording of the server at the ramp's last (saturated) rate, summarised. */
    private Profile.Summary profileAtSaturation(ServerUnderTest server, FanOut fanOut, FanOut.Ramp ramp) {
        Path recording = work.resolve(server.key() + "-saturation.jfr");
        double rate = ramp.steps().get(ramp.steps().size() - 1).offeredPublishesPerS();
        Jcmd.startRecording(server.pid(), recording);
        fanOut.run(rate, settings.profileMillis());
        Jcmd.stopRecording(server.pid());
        Profile.Summary summary = Profile.read(recording, 15);
        LOG.info("profile {}: {} samples, {}% under PacketEncoder", server.key(), summary.samples(),
                Math.round(summary.encoderShare() * 100));
        return summary;
    }
}
