package com.medsync.realtime.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The run's parameters, from {@code -Dbench.*} system properties (run.sh passes them through), with the
 * defaults that fit the whole run into ten minutes on two cores.
 */
record Settings(
        Path distribution,
        Path nodeServer,
        Path results,
        int fanOutSockets,
        int fanOutRooms,
        double firstPublishesPerS,
        double rampFactor,
        int maxSteps,
        long stepMillis,
        long warmUpMillis,
        long halfLoadMillis,
        int stormConnections,
        int connectWindow,
        int[] capacityLevels,
        long swapPhaseMillis,
        long profileMillis,
        int publishConnections,
        int clientThreads,
        String serverJvmOptions,
        boolean jmh,
        List<String> servers) {

    static Settings fromSystemProperties() {
        return new Settings(
                Path.of(text("bench.distribution", "distributions/target/medsync-realtime")),
                Path.of(text("bench.node-server", "benchmarks/node-server")),
                Path.of(text("bench.results", "benchmarks/results")),
                number("bench.fanout.sockets", 5000),
                number("bench.fanout.rooms", 50),
                Double.parseDouble(text("bench.fanout.first-rate", "150")),
                Double.parseDouble(text("bench.fanout.ramp-factor", "1.5")),
                number("bench.fanout.max-steps", 10),
                number("bench.fanout.step-millis", 3000),
                number("bench.fanout.warm-up-millis", 10000),
                number("bench.latency.millis", 8000),
                number("bench.storm.connections", 10000),
                number("bench.connect.window", 500),
                Arrays.stream(text("bench.capacity.levels", "1000,5000,19500").split(",")).mapToInt(Integer::parseInt).toArray(),
                number("bench.swap.phase-millis", 3000),
                number("bench.profile.millis", 6000),
                number("bench.publish.connections", 32),
                number("bench.client.threads", 2),
                text("bench.server.jvm", "-Xms512m -Xmx1g -XX:+UseG1GC"),
                Boolean.parseBoolean(text("bench.jmh", "true")),
                List.of(text("bench.servers", "medsync,bare_nettysocketio,node_socketio").split(",")));
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int number(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }
}
