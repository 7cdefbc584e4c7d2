package com.medsync.realtime.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The run's parameters, from {@code -Dbench.*} system properties (run.sh passes them through). The defaults
 * fit three repeats of every comparison and of the load shapes matrix into about 30 minutes on two cores (29 in
 * the run of 2026-12-03; one repeat: about 3 minutes of comparison and 7 of shapes): the ramp's steps are shorter than a single run would
 * use, the shapes' warm-up runs at twice their rate, and the plugin swap, the JFR profile and JMH run once.
 */
record Settings(
        Path distribution,
        Path nodeServer,
        Path nodeLoadgen,
        Path results,
        int repeat,
        int fanOutSockets,
        int fanOutRooms,
        double firstPublishesPerS,
        double rampFactor,
        int maxSteps,
        long stepMillis,
        long warmUpMillis,
        long halfLoadMillis,
        double halfLoadPublishesPerS,
        int stormConnections,
        int connectWindow,
        int[] capacityLevels,
        int capacitySocketsPerProcess,
        int capacityAddresses,
        int capacityFdMargin,
        long swapPhaseMillis,
        long profileMillis,
        int publishConnections,
        int clientThreads,
        String serverJvmOptions,
        boolean jmh,
        boolean comparison,
        List<String> servers,
        ShapeSettings shapes) {

    /**
     * The load shapes matrix: servers x generators x recipients per event, each cold (a fresh process, its
     * first {@code coldEvents}) and warm (after {@code warmUpEvents}, the next publishes that make
     * {@code warmDeliveries}: the same deliveries and the same length of time whatever the recipients per event),
     * at one offered rate of deliveries that every server sustains; and the closed-loop shape.
     */
    record ShapeSettings(
            boolean enabled,
            int sockets,
            int[] recipients,
            List<String> generators,
            double deliveriesPerS,
            int coldEvents,
            int warmUpEvents,
            double warmUpRateFactor,
            int warmDeliveries,
            long drainMillis,
            boolean closedLoop,
            int closedLoopConcurrency,
            int closedLoopRecipients,
            int closedLoopWarmUpEvents,
            int closedLoopEvents,
            String closedLoopMedsyncPhase) {
    }

    static Settings fromSystemProperties() {
        return new Settings(
                Path.of(text("bench.distribution", "distributions/target/medsync-realtime")),
                Path.of(text("bench.node-server", "benchmarks/node-server")),
                Path.of(text("bench.node-loadgen", "benchmarks/node-loadgen")),
                Path.of(text("bench.results", "benchmarks/results")),
                number("bench.repeat", 3),
                number("bench.fanout.sockets", 5000),
                number("bench.fanout.rooms", 50),
                Double.parseDouble(text("bench.fanout.first-rate", "150")),
                Double.parseDouble(text("bench.fanout.ramp-factor", "1.5")),
                number("bench.fanout.max-steps", 10),
                // 2 s steps (3 s in a single run): three repeats must fit in the run's time.
                number("bench.fanout.step-millis", 2000),
                number("bench.fanout.warm-up-millis", 6000),
                number("bench.latency.millis", 6000),
                Double.parseDouble(text("bench.half-load.publishes-per-s", "0")),
                number("bench.storm.connections", 10000),
                number("bench.connect.window", 500),
                numbers("bench.capacity.levels", "5000,20000"),
                number("bench.capacity.sockets-per-process", 5000),
                number("bench.capacity.addresses", 4),
                number("bench.capacity.fd-margin", 32),
                number("bench.swap.phase-millis", 3000),
                number("bench.profile.millis", 6000),
                number("bench.publish.connections", 32),
                number("bench.client.threads", 2),
                text("bench.server.jvm", "-Xms512m -Xmx1g"),
                Boolean.parseBoolean(text("bench.jmh", "true")),
                Boolean.parseBoolean(text("bench.comparison", "true")),
                List.of(text("bench.servers", "medsync,bare_nettysocketio,node_socketio").split(",")),
                new ShapeSettings(
                        Boolean.parseBoolean(text("bench.shapes", "true")),
                        number("bench.shapes.sockets", 2000),
                        numbers("bench.shapes.recipients", "100,10"),
                        List.of(text("bench.shapes.generators", "java,node").split(",")),
                        Double.parseDouble(text("bench.shapes.deliveries-per-s", "20000")),
                        number("bench.shapes.cold-events", 2000),
                        number("bench.shapes.warm-up-events", 4000),
                        Double.parseDouble(text("bench.shapes.warm-up-rate-factor", "2")),
                        // 10 s at the offered 20,000 deliveries/s: with 10 recipients, 2,000 publishes (one second) held
                        // one young collection in every repeat, and weighed its CPU and pause three times their rate.
                        number("bench.shapes.warm-deliveries", 200_000),
                        number("bench.shapes.drain-millis", 10000),
                        Boolean.parseBoolean(text("bench.closed", "true")),
                        number("bench.closed.concurrency", 16),
                        number("bench.closed.recipients", 100),
                        number("bench.closed.warm-up-events", 4000),
                        // 2,000 measured after the 4,000 of warm-up: 200,000 deliveries, enough for CPU per delivery.
                        number("bench.closed.events", 2000),
                        text("bench.closed.medsync-phase", "week3")));
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int number(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    private static int[] numbers(String name, String fallback) {
        return Arrays.stream(text(name, fallback).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
