package com.medsync.realtime.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.NodeLoadgen;
import com.medsync.realtime.bench.load.PhaseResult;
import com.medsync.realtime.bench.load.PhaseWindow;
import com.medsync.realtime.bench.load.Publisher;
import com.medsync.realtime.bench.load.SocketFleet;
import com.medsync.realtime.bench.load.Tokens;
import com.medsync.realtime.bench.server.ServerUnderTest;
import com.medsync.realtime.bench.server.Servers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The load shapes matrix (issue #12): for one shape and one server, a freshly started server process, its
 * sockets connected, then the cold phase (its first events), a warm-up, and the warm phase, all on that
 * process, which is stopped afterwards. CPU per delivery is the key figure: it depends far less than
 * throughput or latency on what else the two shared cores run.
 */
public final class Shapes {

    private static final Logger LOG = LoggerFactory.getLogger(Shapes.class);

    private final Servers servers;
    private final Tokens tokens;
    private final Path nodeLoadgen;
    private final Path logs;
    private final int publishConnections;
    private final int clientThreads;
    private final int connectWindow;

    public Shapes(Servers servers, Tokens tokens, Path nodeLoadgen, Path logs, int publishConnections, int clientThreads,
            int connectWindow) {
        this.servers = servers;
        this.tokens = tokens;
        this.nodeLoadgen = nodeLoadgen;
        this.logs = logs;
        this.publishConnections = publishConnections;
        this.clientThreads = clientThreads;
        this.connectWindow = connectWindow;
    }

    /** @return the shape's measurements on {@code serverKey} (one failed run per state when something broke) */
    public List<ShapeRun> run(Shape shape, String serverKey, int repeat) {
        String label = serverKey;
        long start = System.nanoTime();
        try (ServerUnderTest server = servers.start(serverKey, shape.medsyncPhase(), shape.name())) {
            LOG.info("{} started for shape {} in {} ms", serverKey, shape.name(), (System.nanoTime() - start) / 1_000_000);
            label = server.label();
            List<PhaseResult> phases = shape.generator().equals("java") ? java(shape, server) : node(shape, server, repeat);
            List<ShapeRun> runs = new ArrayList<>();
            for (PhaseResult phase : phases) {
                if (phase.name().equals("cold") || phase.name().equals("warm")) {
                    runs.add(new ShapeRun(shape, phase.name(), serverKey, label, repeat, phase, null));
                    LOG.info("shape {} on {} (repeat {}): {} us of server CPU per delivery, {} delivered/s, p99 {} ms, lost {},"
                            + " generator {} us per delivery", shape.key(phase.name()), serverKey, repeat,
                            round(phase.cpuPerDeliveryUs()), Math.round(phase.deliveredPerS()), round(phase.p99Ms()), phase.lost(),
                            round(phase.generatorCpuPerDeliveryUs()));
                }
            }
            return runs;
        } catch (RuntimeException e) {
            LOG.error("shape {} on {} (repeat {}) failed", shape.name(), serverKey, repeat, e);
            List<ShapeRun> failed = new ArrayList<>();
            for (String state : shape.coldEvents() > 0 ? List.of("cold", "warm") : List.of("warm")) {
                failed.add(new ShapeRun(shape, state, serverKey, label, repeat, null, String.valueOf(e.getMessage())));
            }
            return failed;
        }
    }

    private List<PhaseResult> java(Shape shape, ServerUnderTest server) {
        Audience audience = new Audience(shape.sockets(), shape.rooms());
        PhaseWindow window = new PhaseWindow();
        try (SocketFleet fleet = new SocketFleet(server.socketPort(), tokens, clientThreads);
             Publisher publisher = new Publisher(server.httpPort(), server.apiKey(), audience, publishConnections)) {
            SocketFleet.Opened opened = fleet.open(audience, 0, audience.sockets(), connectWindow, window);
            if (opened.failed() > 0) {
                throw new IllegalStateException(opened.failed() + " sockets failed to connect: " + opened.firstFailure());
            }
            LOG.info("{} sockets connected to {} in {} ms", opened.connected(), server.key(), opened.nanos() / 1_000_000);
            JavaPhase phase = new JavaPhase(server.pid(), fleet, publisher, window, audience, publishConnections);
            List<PhaseResult> results = new ArrayList<>();
            if (shape.coldEvents() > 0) {
                results.add(logged(phase.run("cold", shape.coldEvents(), shape.publishesPerS(), shape.drainMillis())));
            }
            results.add(logged(phase.run("warm-up", shape.warmUpEvents(), shape.warmUpPublishesPerS(), shape.drainMillis())));
            results.add(logged(phase.run("warm", shape.warmEvents(), shape.publishesPerS(), shape.drainMillis())));
            return results;
        }
    }

    private List<PhaseResult> node(Shape shape, ServerUnderTest server, int repeat) {
        ObjectNode spec = NodeLoadgen.spec(server.socketPort(), server.httpPort(), server.apiKey(),
                servers.secrets().jwtSecret(), server.pid());
        spec.put("sockets", shape.sockets()).put("rooms", shape.rooms()).put("connectConcurrency", connectWindow);
        ArrayNode phases = spec.putArray("phases");
        List<String> names = new ArrayList<>();
        if (shape.coldEvents() > 0) {
            phase(phases, shape, "cold", shape.coldEvents());
            names.add("cold");
        }
        phase(phases, shape, "warm-up", shape.warmUpEvents());
        phase(phases, shape, "warm", shape.warmEvents());
        names.add("warm-up");
        names.add("warm");
        Path log = logs.resolve("loadgen-" + shape.name() + "-" + server.key() + "-" + repeat + ".log");
        try (NodeLoadgen generator = NodeLoadgen.start(nodeLoadgen, spec, log)) {
            NodeLoadgen.Connected connected = generator.awaitConnected(Duration.ofMinutes(3));
            if (connected.failed() > 0) {
                throw new IllegalStateException(connected.failed() + " sockets failed to connect: " + connected.firstFailure());
            }
            LOG.info("{} sockets connected to {} in {} ms", connected.sockets(), server.key(), connected.millis());
            List<PhaseResult> results = new ArrayList<>();
            for (String name : names) {
                int events = name.equals("cold") ? shape.coldEvents() : name.equals("warm-up") ? shape.warmUpEvents() : shape.warmEvents();
                results.add(logged(generator.awaitPhase(timeout(shape, events))));
            }
            generator.awaitDone(Duration.ofSeconds(30));
            return results;
        }
    }

    /** Each phase's duration in the log: where a shape's time goes. */
    private static PhaseResult logged(PhaseResult phase) {
        LOG.info("phase {}: {} publishes, {} of {} deliveries in {} ms", phase.name(), phase.events(), phase.delivered(),
                phase.expected(), Math.round(phase.durationMs()));
        return phase;
    }

    private static void phase(ArrayNode phases, Shape shape, String name, int events) {
        ObjectNode phase = phases.addObject().put("name", name).put("events", events).put("drainMs", shape.drainMillis());
        if (shape.closedLoop()) {
            phase.put("concurrency", shape.concurrency());
        } else {
            phase.put("rate", name.equals("warm-up") ? shape.warmUpPublishesPerS() : shape.publishesPerS());
        }
    }

    /** A phase that has not reported by then is stuck: its schedule, its drain and a minute of slack. */
    private static Duration timeout(Shape shape, int events) {
        double seconds = shape.closedLoop() ? events / 100.0 : events / Math.min(shape.publishesPerS(), shape.warmUpPublishesPerS());
        return Duration.ofMillis((long) (seconds * 1000) + shape.drainMillis() + 60_000);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
