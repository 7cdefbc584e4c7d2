package com.medsync.realtime.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.FanOut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code latest.json} (the figures, with the keys issue #6 names), {@code latest.md} (the same for
 * people, with the targets) and the charts into the results directory.
 */
public final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    public static void write(RunResults results, Path directory) {
        List<Target> targets = Target.evaluate(results);
        ObjectNode json = json(results, targets);
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve("latest.json").toFile(), json);
            Charts.write(results, directory);
            Files.writeString(directory.resolve("latest.md"), Markdown.render(results, targets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double saturation(RunResults results, String key) {
        return results.server(key).map(ServerResults::fanOut).map(FanOut.Ramp::saturationEventsPerS).orElse(0.0);
    }

    static Optional<FanOut.Step> halfLoad(RunResults results, String key) {
        return results.server(key).map(ServerResults::halfLoad);
    }

    /** @return the last capacity level of a server (the most connections, so the most exact per-connection figure) */
    static Optional<Capacity.Level> topLevel(RunResults results, String key) {
        return results.server(key).map(ServerResults::capacity)
                .filter(capacity -> !capacity.levels().isEmpty())
                .map(capacity -> capacity.levels().get(capacity.levels().size() - 1));
    }

    static double ratio(double a, double b) {
        return b <= 0 ? 0 : a / b;
    }

    private static ObjectNode json(RunResults results, List<Target> targets) {
        ObjectNode root = JSON.createObjectNode();
        double medsync = saturation(results, "medsync");
        double node = saturation(results, "node_socketio");
        double bare = saturation(results, "bare_nettysocketio");
        ObjectNode fanout = root.putObject("fanout");
        fanout.put("sockets", results.fanOutSockets());
        fanout.put("rooms", results.fanOutRooms());
        fanout.put("medsync_events_per_s", Math.round(medsync));
        fanout.put("node_socketio_events_per_s", Math.round(node));
        fanout.put("bare_nettysocketio_events_per_s", Math.round(bare));
        fanout.put("ratio_vs_node_socketio", round(ratio(medsync, node)));
        fanout.put("ratio_vs_bare_nettysocketio", round(ratio(medsync, bare)));
        results.server("medsync").map(ServerResults::fanOut).ifPresent(ramp ->
                fanout.put("medsync_sustained_events_per_s", Math.round(ramp.sustainedPublishesPerS() * results.fanOutSockets()
                        / (double) results.fanOutRooms())));
        halfLoad(results, "medsync").ifPresent(step -> {
            fanout.put("p99_ms_at_half_load", round(step.latency().p99()));
            fanout.put("half_load_publishes_per_s", Math.round(step.offeredPublishesPerS()));
            fanout.put("half_load_events_per_s", Math.round(step.offeredEventsPerS()));
            fanout.put("p50_ms_at_half_load", round(step.latency().p50()));
            fanout.put("p999_ms_at_half_load", round(step.latency().p999()));
        });
        ObjectNode cpu = fanout.putObject("server_cpu_us_per_event_at_half_load");
        for (ServerResults server : results.servers()) {
            if (!Double.isNaN(server.cpuMicrosPerEvent())) {
                cpu.put(server.key(), round(server.cpuMicrosPerEvent()));
            }
        }
        ObjectNode half = fanout.putObject("latency_at_half_load_ms");
        ObjectNode steps = fanout.putObject("steps");
        ObjectNode storm = root.putObject("connect_storm");
        ObjectNode capacity = root.putObject("capacity");
        topLevel(results, "medsync").ifPresent(level -> {
            capacity.put("heap_bytes_per_connection", Math.round(level.heapBytesPerConnection()));
            capacity.put("rss_bytes_per_connection", Math.round(level.rssBytesPerConnection()));
            capacity.put("connections_held", level.held());
        });
        ObjectNode perServer = capacity.putObject("servers");
        ObjectNode errors = root.putObject("errors");
        for (ServerResults server : results.servers()) {
            if (server.halfLoad() != null) {
                ObjectNode step = JSON.valueToTree(server.halfLoad());
                if (!Double.isNaN(server.cpuMicrosPerEvent())) {
                    step.put("server_cpu_us_per_event", round(server.cpuMicrosPerEvent()));
                }
                half.set(server.key(), step);
            }
            if (server.fanOut() != null) {
                steps.set(server.key(), JSON.valueToTree(server.fanOut().steps()));
            }
            if (server.storm() != null) {
                storm.set(server.key(), JSON.valueToTree(server.storm()));
            }
            if (server.capacity() != null) {
                perServer.set(server.key(), JSON.valueToTree(server.capacity()));
            }
            ObjectNode serverInfo = root.with("servers").putObject(server.key());
            serverInfo.put("label", server.label());
            serverInfo.put("unexpected_disconnects", server.unexpectedCloses());
            if (server.error() != null) {
                errors.put(server.key(), server.error());
            }
        }
        ObjectNode swap = root.putObject("swap");
        if (results.swap() != null) {
            swap.put("events_lost", results.swap().lostDeliveries());
            swap.setAll((ObjectNode) JSON.valueToTree(results.swap()));
        }
        root.set("profiles_at_saturation", JSON.valueToTree(results.profiles()));
        ArrayNode jmh = root.putArray("jmh");
        results.jmh().forEach(result -> jmh.add(JSON.valueToTree(result)));
        root.set("targets", JSON.valueToTree(targets));
        root.set("machine", JSON.valueToTree(results.machine()));
        ObjectNode settings = root.putObject("settings");
        settings.put("server_jvm_options", results.serverJvmOptions());
        settings.put("medsync_outbound_queue", results.medsyncOutboundQueue());
        return root;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
