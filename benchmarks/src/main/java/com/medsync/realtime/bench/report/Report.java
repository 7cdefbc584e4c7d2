package com.medsync.realtime.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.FanOut;
import com.medsync.realtime.bench.scenario.HalfLoad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes {@code latest.json} (the figures, with the keys issues #6 and #12 name: medians, with every repeat's
 * value beside them), {@code latest.md} (the same for people, with the targets) and the charts into the
 * results directory.
 */
public final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> OTHERS = List.of("node_socketio", "bare_nettysocketio");

    private Report() {
    }

    public static void write(RunResults results, Path directory) {
        List<Target> targets = Target.evaluate(results);
        List<ShapeFigures.Row> shapes = ShapeFigures.of(results);
        ObjectNode json = json(results, targets, shapes);
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve("latest.json").toFile(), json);
            Charts.write(results, shapes, directory);
            Files.writeString(directory.resolve("latest.md"), Markdown.render(results, targets, shapes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double ratio(double a, double b) {
        return b <= 0 ? 0 : a / b;
    }

    private static ObjectNode json(RunResults results, List<Target> targets, List<ShapeFigures.Row> shapes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("repeats", results.repeats());
        root.put("figures", "medians of the repeats; every repeat's value under runs; ratios are medians of same-repeat ratios");
        fanOut(results, root.putObject("fanout"));
        ShapeJson.write(results, shapes, root);
        ObjectNode storm = root.putObject("connect_storm");
        ObjectNode capacity = root.putObject("capacity");
        capacity(results, capacity);
        ObjectNode errors = root.putObject("errors");
        for (String key : results.serverKeys()) {
            Spread perSecond = Figures.storm(results, key);
            if (perSecond.measured()) {
                ObjectNode server = storm.putObject(key);
                server.set("per_second", perSecond.json());
                server.set("runs", JSON.valueToTree(results.runsOf(key).stream().map(ServerResults::storm).toList()));
            }
            ObjectNode serverInfo = root.with("servers").putObject(key);
            serverInfo.put("label", results.label(key));
            serverInfo.put("unexpected_disconnects", results.runsOf(key).stream().mapToInt(ServerResults::unexpectedCloses).sum());
            results.runsOf(key).stream().filter(server -> server.error() != null)
                    .forEach(server -> errors.put(key + "_repeat_" + server.repeat(), server.error()));
            results.shapes().stream().filter(run -> run.server().equals(key) && run.error() != null)
                    .forEach(run -> errors.put(key + "_" + run.key() + "_repeat_" + run.repeat(), run.error()));
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
        settings.put("run_seconds", results.runSeconds());
        settings.set("bench", JSON.valueToTree(results.settings()));
        return root;
    }

    private static void fanOut(RunResults results, ObjectNode fanout) {
        Spread medsync = Figures.saturation(results, "medsync");
        Spread node = Figures.saturation(results, "node_socketio");
        Spread bare = Figures.saturation(results, "bare_nettysocketio");
        Spread vsNode = Figures.saturationRatio(results, "node_socketio");
        Spread vsBare = Figures.saturationRatio(results, "bare_nettysocketio");
        fanout.put("sockets", results.fanOutSockets());
        fanout.put("rooms", results.fanOutRooms());
        fanout.put("medsync_events_per_s", Math.round(medsync.median()));
        fanout.put("node_socketio_events_per_s", Math.round(node.median()));
        fanout.put("bare_nettysocketio_events_per_s", Math.round(bare.median()));
        Spread.put(fanout, "ratio_vs_node_socketio", vsNode.median());
        Spread.put(fanout, "ratio_vs_bare_nettysocketio", vsBare.median());
        ObjectNode runs = fanout.putObject("runs");
        runs.set("medsync_events_per_s", medsync.json());
        runs.set("node_socketio_events_per_s", node.json());
        runs.set("bare_nettysocketio_events_per_s", bare.json());
        runs.set("ratio_vs_node_socketio", vsNode.json());
        runs.set("ratio_vs_bare_nettysocketio", vsBare.json());
        Spread sustained = Figures.sustained(results, "medsync");
        if (sustained.measured()) {
            fanout.put("medsync_sustained_events_per_s", Math.round(sustained.median()));
            runs.set("medsync_sustained_events_per_s", sustained.json());
        }
        Spread keptUp = Figures.keptUp(results, "medsync");
        if (keptUp.measured()) {
            fanout.put("medsync_kept_up_events_per_s", Math.round(keptUp.median()));
            runs.set("medsync_kept_up_events_per_s", keptUp.json());
        }
        fanout.put("kept_up_max_p50_ms", FanOut.KEPT_UP_P50_MS);
        results.server("medsync", 1).map(ServerResults::halfLoad).ifPresent(half -> {
            fanout.put("half_load_publishes_per_s", Math.round(half.step().offeredPublishesPerS()));
            fanout.put("half_load_events_per_s", Math.round(half.step().offeredEventsPerS()));
        });
        results.server("medsync", 1).map(ServerResults::heavyLoad).ifPresent(heavy -> {
            fanout.put("heavy_load_publishes_per_s", Math.round(heavy.step().offeredPublishesPerS()));
            fanout.put("heavy_load_events_per_s", Math.round(heavy.step().offeredEventsPerS()));
        });
        Spread p99 = Figures.halfLoad(results, "medsync", half -> half.step().latency().p99());
        Spread.put(fanout, "p99_ms_at_half_load", p99.median());
        Spread.put(fanout, "p50_ms_at_half_load", Figures.halfLoad(results, "medsync", half -> half.step().latency().p50()).median());
        Spread.put(fanout, "p999_ms_at_half_load", Figures.halfLoad(results, "medsync", half -> half.step().latency().p999()).median());
        ObjectNode cpu = fanout.putObject("server_cpu_us_per_event_at_half_load");
        ObjectNode half = fanout.putObject("half_load");
        ObjectNode heavy = fanout.putObject("heavy_load");
        ObjectNode steps = fanout.putObject("steps");
        ObjectNode stepsByRepeat = fanout.putObject("steps_by_repeat");
        for (String key : results.serverKeys()) {
            List<ServerResults> serverRuns = results.runsOf(key);
            if (serverRuns.isEmpty()) {
                continue;
            }
            Spread.put(cpu, key, Figures.halfLoad(results, key, HalfLoad::serverCpuUsPerEvent).median());
            load(results, key, ServerResults::halfLoad, half.putObject(key));
            load(results, key, ServerResults::heavyLoad, heavy.putObject(key));
            serverRuns.stream().filter(run -> run.fanOut() != null).findFirst()
                    .ifPresent(run -> steps.set(key, JSON.valueToTree(run.fanOut().steps())));
            ArrayNode byRepeat = stepsByRepeat.putArray(key);
            serverRuns.forEach(run -> byRepeat.add(run.fanOut() == null ? null : JSON.valueToTree(run.fanOut().steps())));
        }
        // The old key, in its old layout, for readers of earlier results: each server's figures, now medians.
        ObjectNode latency = fanout.putObject("latency_at_half_load_ms");
        for (String key : results.serverKeys()) {
            results.runsOf(key).stream().map(ServerResults::halfLoad).filter(Objects::nonNull).findFirst().ifPresent(first -> {
                ObjectNode server = latency.putObject(key);
                server.put("offeredPublishesPerS", first.step().offeredPublishesPerS());
                server.put("offeredEventsPerS", first.step().offeredEventsPerS());
                Spread.put(server, "deliveredEventsPerS", Figures.halfLoad(results, key, h -> h.step().deliveredEventsPerS()).median());
                ObjectNode percentiles = server.putObject("latency");
                Spread.put(percentiles, "p50", Figures.halfLoad(results, key, h -> h.step().latency().p50()).median());
                Spread.put(percentiles, "p99", Figures.halfLoad(results, key, h -> h.step().latency().p99()).median());
                Spread.put(percentiles, "p999", Figures.halfLoad(results, key, h -> h.step().latency().p999()).median());
                Spread.put(percentiles, "max", Figures.halfLoad(results, key, h -> h.step().latency().max()).median());
                Spread.put(server, "server_cpu_us_per_event", Figures.halfLoad(results, key, HalfLoad::serverCpuUsPerEvent).median());
            });
        }
    }

    /** One fixed-rate step's figures for one server, each with its spread and every run. */
    private static void load(RunResults results, String key, Function<ServerResults, HalfLoad> which, ObjectNode server) {
        server.set("p50_ms", Figures.load(results, key, which, h -> h.step().latency().p50()).json());
        server.set("p99_ms", Figures.load(results, key, which, h -> h.step().latency().p99()).json());
        server.set("p999_ms", Figures.load(results, key, which, h -> h.step().latency().p999()).json());
        server.set("delivered_events_per_s", Figures.load(results, key, which, h -> h.step().deliveredEventsPerS()).json());
        server.set("server_cpu_us_per_event", Figures.load(results, key, which, HalfLoad::serverCpuUsPerEvent).json());
        server.set("generator_cpu_us_per_event", Figures.load(results, key, which, HalfLoad::generatorCpuUsPerEvent).json());
        server.set("server_cpu_ms", Figures.load(results, key, which, HalfLoad::serverCpuMs).json());
        server.set("generator_cpu_ms", Figures.load(results, key, which, HalfLoad::generatorCpuMs).json());
        server.set("accept_to_write_p50_ms", Figures.load(results, key, which, HalfLoad::acceptToWriteP50Ms).json());
        server.set("accept_to_write_p99_ms", Figures.load(results, key, which, HalfLoad::acceptToWriteP99Ms).json());
        server.set("runs", JSON.valueToTree(results.runsOf(key).stream().map(which).toList()));
    }

    private static void capacity(RunResults results, ObjectNode capacity) {
        Spread heap = Figures.topLevel(results, "medsync", level -> level.heapBytesPerConnection());
        if (heap.measured()) {
            capacity.put("heap_bytes_per_connection", Math.round(heap.median()));
            capacity.put("rss_bytes_per_connection", Math.round(Figures.topLevel(results, "medsync", l -> l.rssBytesPerConnection()).median()));
            capacity.put("connections_held", Math.round(Figures.topLevel(results, "medsync", l -> l.held()).median()));
        }
        ObjectNode servers = capacity.putObject("servers");
        for (String key : results.serverKeys()) {
            List<ServerResults> runs = results.runsOf(key);
            if (runs.stream().allMatch(run -> run.capacity() == null)) {
                continue;
            }
            ObjectNode server = servers.putObject(key);
            server.set("heap_bytes_per_connection", Figures.topLevel(results, key, l -> l.heapBytesPerConnection()).json());
            server.set("rss_bytes_per_connection", Figures.topLevel(results, key, l -> l.rssBytesPerConnection()).json());
            server.set("connections_held", Figures.topLevel(results, key, l -> l.held()).json());
            server.set("server_fds_at_level", Figures.topLevel(results, key, l -> l.serverFdsAtLevel()).json());
            runs.stream().map(Figures::top).flatMap(Optional::stream).map(Capacity.Level::limitedBy)
                    .filter(Objects::nonNull).findFirst().ifPresent(why -> server.put("limited_by", why));
            server.set("runs", JSON.valueToTree(runs.stream().map(ServerResults::capacity).toList()));
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
