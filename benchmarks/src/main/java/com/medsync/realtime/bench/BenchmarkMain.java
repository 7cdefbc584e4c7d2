package com.medsync.realtime.bench;

import com.medsync.realtime.bench.jmh.JmhSuite;
import com.medsync.realtime.bench.load.Tokens;
import com.medsync.realtime.bench.report.Machine;
import com.medsync.realtime.bench.report.Report;
import com.medsync.realtime.bench.report.RunResults;
import com.medsync.realtime.bench.report.ServerResults;
import com.medsync.realtime.bench.scenario.Shape;
import com.medsync.realtime.bench.scenario.ShapeRun;
import com.medsync.realtime.bench.scenario.Shapes;
import com.medsync.realtime.bench.server.MedsyncServer;
import com.medsync.realtime.bench.server.Secrets;
import com.medsync.realtime.bench.server.Servers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run: {@code bench.repeat} times (3 by default) the comparison of MedSync, bare netty-socketio
 * and node socket.io (capacity, connect storm, fan-out ramp, half load) and the load shapes matrix; the plugin
 * swap and the profiles in the first repeat only; then the JMH suite; then the report, with medians and spread.
 * Repeating the whole sequence (rather than each scenario three times in a row) lets slow drift on a shared
 * machine show up as spread instead of as a difference between servers.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    private final Settings settings;
    private final Secrets secrets = Secrets.random();
    private final Tokens tokens = new Tokens(secrets.jwtSecret());
    private final Path work;
    private final Servers servers;

    private BenchmarkMain(Settings settings) throws IOException {
        this.settings = settings;
        this.work = Files.createTempDirectory("medsync-bench");
        this.servers = new Servers(settings.distribution(), settings.nodeServer(), secrets, settings.serverJvmOptions(), work);
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.fromSystemProperties();
        Files.createDirectories(settings.results());
        BenchmarkMain run = new BenchmarkMain(settings);
        RunResults results = run.run();
        Report.write(results, settings.results());
        LOG.info("report written to {}; server and generator logs and JFR recordings are in {}",
                settings.results().resolve("latest.md"), run.work);
    }

    private RunResults run() {
        long start = System.nanoTime();
        Map<String, Object> machine = Machine.describe();
        Comparison comparison = new Comparison(settings, servers, tokens, work);
        Shapes shapes = new Shapes(servers, tokens, settings.nodeLoadgen(), work, settings.publishConnections(),
                settings.clientThreads(), settings.connectWindow());
        List<ServerResults> compared = new ArrayList<>();
        List<ShapeRun> shapeRuns = new ArrayList<>();
        for (int repeat = 1; repeat <= settings.repeat(); repeat++) {
            LOG.info("######## repeat {} of {} ########", repeat, settings.repeat());
            if (settings.comparison()) {
                // Rotated as the shapes are, from the second repeat on. The first keeps the configured order, MedSync
                // first: the half- and heavy-load rates of every repeat are taken from its first ramp.
                for (String key : rotated(settings.servers(), repeat - 1)) {
                    compared.add(comparison.measure(key, repeat));
                }
            }
            for (Shape shape : shapes()) {
                for (String key : rotated(settings.servers(), repeat - 1)) {
                    shapeRuns.addAll(shapes.run(shape, key, repeat));
                }
            }
            machine.put("load_average_after_repeat_" + repeat, Machine.loadAverage());
        }
        List<JmhSuite.Result> jmh = settings.jmh() ? microbenchmarks() : List.of();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        LOG.info("run took {} min {} s", seconds / 60, seconds % 60);
        return new RunResults(machine, settings.repeat(), settings.fanOutSockets(), settings.fanOutRooms(), compared,
                comparison.swap(), comparison.profiles(), jmh, MedsyncServer.OUTBOUND_QUEUE, settings.serverJvmOptions(),
                settings.publishConnections(), shapeRuns, settings.shapes().deliveriesPerS(), described(), seconds);
    }

    /**
     * The servers in the order a repeat runs them: each repeat starts one server later, so no server always
     * follows the same one (the one before may leave the machine's caches, frequency or page cache in any state).
     */
    static List<String> rotated(List<String> servers, int by) {
        List<String> order = new ArrayList<>(servers);
        if (!order.isEmpty()) {
            Collections.rotate(order, -(by % order.size()));
        }
        return order;
    }

    /**
     * The matrix's shapes, recipients first then generator, so a shape's three servers run one after the other
     * (close in time: their same-run ratio is the figure); the closed-loop shape last.
     */
    private List<Shape> shapes() {
        Settings.ShapeSettings s = settings.shapes();
        List<Shape> list = new ArrayList<>();
        if (s.enabled()) {
            for (int recipients : s.recipients()) {
                for (String generator : s.generators()) {
                    double rate = s.deliveriesPerS() / recipients;
                    list.add(new Shape(generator, s.sockets(), recipients, rate, rate * s.warmUpRateFactor(), 0, s.coldEvents(),
                            s.warmUpEvents(), s.warmDeliveries() / recipients, s.drainMillis(), "week1"));
                }
            }
        }
        if (s.closedLoop()) {
            list.add(new Shape("node", s.sockets(), s.closedLoopRecipients(), 0, 0, s.closedLoopConcurrency(), 0,
                    s.closedLoopWarmUpEvents(), s.closedLoopEvents(), Math.max(s.drainMillis(), 15_000), s.closedLoopMedsyncPhase()));
        }
        return list;
    }

    /** @return the settings that shape the figures, for the report */
    private Map<String, Object> described() {
        Settings.ShapeSettings s = settings.shapes();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("repeat", settings.repeat());
        map.put("servers", settings.servers());
        map.put("fanout_step_millis", settings.stepMillis());
        map.put("fanout_warm_up_millis", settings.warmUpMillis());
        map.put("half_load_millis", settings.halfLoadMillis());
        map.put("half_load_publishes_per_s", settings.halfLoadPublishesPerS() > 0 ? settings.halfLoadPublishesPerS()
                : "half of the highest rate MedSync kept up with");
        map.put("storm_connections", settings.stormConnections());
        map.put("capacity_levels", settings.capacityLevels());
        map.put("capacity_sockets_per_process", settings.capacitySocketsPerProcess());
        map.put("capacity_addresses", settings.capacityAddresses());
        map.put("capacity_fd_margin", settings.capacityFdMargin());
        map.put("shapes", s.enabled());
        map.put("shapes_sockets", s.sockets());
        map.put("shapes_recipients", s.recipients());
        map.put("shapes_generators", s.generators());
        map.put("shapes_deliveries_per_s", s.deliveriesPerS());
        map.put("shapes_cold_events", s.coldEvents());
        map.put("shapes_warm_up_events", s.warmUpEvents());
        map.put("shapes_warm_up_rate_factor", s.warmUpRateFactor());
        map.put("shapes_warm_deliveries", s.warmDeliveries());
        map.put("shapes_drain_millis", s.drainMillis());
        map.put("closed_loop", s.closedLoop());
        map.put("closed_concurrency", s.closedLoopConcurrency());
        map.put("closed_recipients", s.closedLoopRecipients());
        map.put("closed_warm_up_events", s.closedLoopWarmUpEvents());
        map.put("closed_events", s.closedLoopEvents());
        map.put("closed_medsync_phase", s.closedLoopMedsyncPhase());
        return map;
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
}
