package com.medsync.realtime.bench;

import com.medsync.realtime.bench.jmh.JmhSuite;
import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.DeliveryRecorder;
import com.medsync.realtime.bench.load.Publisher;
import com.medsync.realtime.bench.load.SocketFleet;
import com.medsync.realtime.bench.load.Tokens;
import com.medsync.realtime.bench.report.Machine;
import com.medsync.realtime.bench.report.Report;
import com.medsync.realtime.bench.report.RunResults;
import com.medsync.realtime.bench.report.ServerResults;
import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.ConnectStorm;
import com.medsync.realtime.bench.scenario.FanOut;
import com.medsync.realtime.bench.scenario.PluginSwap;
import com.medsync.realtime.bench.scenario.Profile;
import com.medsync.realtime.bench.server.BareNettySocketIoServer;
import com.medsync.realtime.bench.server.Jcmd;
import com.medsync.realtime.bench.server.MedsyncServer;
import com.medsync.realtime.bench.server.NodeSocketIoServer;
import com.medsync.realtime.bench.server.Secrets;
import com.medsync.realtime.bench.server.ServerUnderTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One benchmark run: MedSync, bare netty-socketio and node socket.io, one after the other on the same
 * machine, each through capacity, connect storm and fan-out; MedSync also through a profiled saturation run
 * and the plugin swap; then the JMH suite; then the report in the results directory.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    private final Settings settings;
    private final Secrets secrets = Secrets.random();
    private final Tokens tokens = new Tokens(secrets.jwtSecret());
    private final Path work;
    private double halfLoadPublishesPerS;
    private PluginSwap.Result swap;
    private final Map<String, Profile.Summary> profiles = new LinkedHashMap<>();

    private BenchmarkMain(Settings settings) throws IOException {
        this.settings = settings;
        this.work = Files.createTempDirectory("medsync-bench");
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.fromSystemProperties();
        Files.createDirectories(settings.results());
        BenchmarkMain run = new BenchmarkMain(settings);
        RunResults results = run.run();
        Report.write(results, settings.results());
        LOG.info("report written to {}; server logs and JFR recordings are in {}", settings.results().resolve("latest.md"),
                run.work);
    }

    private RunResults run() {
        Map<String, Object> machine = Machine.describe();
        List<ServerResults> servers = new ArrayList<>();
        // MedSync first: the half-load rate of the others is half of MedSync's saturation.
        if (settings.servers().contains("medsync")) {
            servers.add(measure("medsync", () -> MedsyncServer.start(settings.distribution(), work.resolve("medsync"),
                    work.resolve("medsync.log"), secrets, settings.serverJvmOptions())));
        }
        if (settings.servers().contains("bare_nettysocketio")) {
            servers.add(measure("bare_nettysocketio", () -> BareNettySocketIoServer.start(work.resolve("bare"),
                    work.resolve("bare.log"), secrets, settings.serverJvmOptions())));
        }
        if (settings.servers().contains("node_socketio")) {
            servers.add(measure("node_socketio", () -> NodeSocketIoServer.start(settings.nodeServer(), work.resolve("node"),
                    work.resolve("node.log"), secrets)));
        }
        machine.put("load_average_after_servers", Machine.loadAverage());
        List<JmhSuite.Result> jmh = settings.jmh() ? microbenchmarks() : List.of();
        return new RunResults(machine, settings.fanOutSockets(), settings.fanOutRooms(), servers, swap, profiles,
                jmh, MedsyncServer.OUTBOUND_QUEUE, settings.serverJvmOptions(), settings.publishConnections());
    }

    /** The JMH suite; a failure there leaves the servers' figures to be reported. */
    private static List<JmhSuite.Result> microbenchmarks() {
        try {
            return JmhSuite.run();
        } catch (RuntimeException e) {
            LOG.error("the JMH suite failed", e);
            return List.of();
        }
    }

    private ServerResults measure(String key, Supplier<ServerUnderTest> start) {
        LOG.info("==== {} ====", key);
        Capacity.Result capacity = null;
        ConnectStorm.Result storm = null;
        FanOut.Ramp ramp = null;
        FanOut.Step halfLoad = null;
        double cpuMicrosPerEvent = Double.NaN;
        int closes = 0;
        String label = key;
        try (ServerUnderTest server = start.get();
             SocketFleet fleet = new SocketFleet(server.socketPort(), tokens, settings.clientThreads())) {
            label = server.label();
            capacity = Capacity.run(server, fleet, settings.capacityLevels(), settings.connectWindow());
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
                if (server instanceof MedsyncServer) {
                    halfLoadPublishesPerS = halfOf(ramp);
                }
                double half = halfLoadPublishesPerS > 0 ? halfLoadPublishesPerS : halfOf(ramp);
                Optional<Duration> cpuBefore = cpuTime(server.pid());
                halfLoad = fanOut.run(half, settings.halfLoadMillis());
                cpuMicrosPerEvent = cpuMicrosPerEvent(server.pid(), cpuBefore, halfLoad, settings.halfLoadMillis());
                LOG.info("half load {} ({} publishes/s): {}", key, Math.round(half), halfLoad);
                if (server instanceof MedsyncServer medsync) {
                    // Before the profiled saturation run, so the swap starts from the steady half-load state.
                    swap = swapUnderLoad(medsync, audience, recorder);
                }
                if (server.isJvm()) {
                    profiles.put(key, profileAtSaturation(server, fanOut, ramp));
                }
            }
            closes = fleet.unexpectedCloses();
            return new ServerResults(key, label, capacity, storm, ramp, halfLoad, cpuMicrosPerEvent, closes, null);
        } catch (RuntimeException e) {
            LOG.error("{} stopped early", key, e);
            return new ServerResults(key, label, capacity, storm, ramp, halfLoad, cpuMicrosPerEvent, closes,
                    String.valueOf(e.getMessage()));
        }
    }

    /** The CPU time a process used so far, all threads, user and system (from /proc on Linux). */
    private static Optional<Duration> cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    /**
     * CPU per delivered event over a step: a figure the two shared cores disturb far less than latency or
     * throughput, since it does not depend on what else got the CPU in the meantime.
     */
    private static double cpuMicrosPerEvent(long pid, Optional<Duration> before, FanOut.Step step, long stepMillis) {
        Optional<Duration> after = cpuTime(pid);
        double delivered = step.deliveredEventsPerS() * stepMillis / 1000.0;
        if (before.isEmpty() || after.isEmpty() || delivered <= 0) {
            return Double.NaN;
        }
        return after.get().minus(before.get()).toNanos() / 1000.0 / delivered;
    }

    /** @return half of the rate the server sustained (half its peak when no step was sustained) */
    private static double halfOf(FanOut.Ramp ramp) {
        return (ramp.sustainedPublishesPerS() > 0 ? ramp.sustainedPublishesPerS() : ramp.saturationPublishesPerS()) / 2;
    }

    /** The plugin swap, with a publisher of its own so sequence numbers start at 0 for exact loss counting. */
    private PluginSwap.Result swapUnderLoad(MedsyncServer server, Audience audience, DeliveryRecorder recorder) {
        try (Publisher publisher = new Publisher(server.httpPort(), server.apiKey(), audience, settings.publishConnections())) {
            return PluginSwap.run(server, audience, recorder, publisher, settings.publishConnections(),
                    halfLoadPublishesPerS, settings.swapPhaseMillis());
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
