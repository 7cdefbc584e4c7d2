package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.jmh.JmhSuite;
import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.FanOut;
import com.medsync.realtime.bench.scenario.HalfLoad;
import com.medsync.realtime.bench.scenario.PluginSwap;
import com.medsync.realtime.bench.scenario.Profile;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code latest.md}: the run's figures for people, with the charts. */
final class Markdown {

    private final StringBuilder out = new StringBuilder();

    private Markdown() {
    }

    static String render(RunResults results, List<Target> targets, List<ShapeFigures.Row> shapes) {
        Markdown md = new Markdown();
        md.header(results);
        md.targets(targets);
        ShapeMarkdown.render(md.out, results, shapes);
        md.summary(results);
        md.halfLoad(results);
        md.capacity(results);
        md.fanOutSteps(results);
        md.swap(results.swap());
        results.profiles().forEach((key, profile) -> md.profile(results.label(key), profile));
        md.jmh(results.jmh());
        md.notes(results);
        return md.out.toString();
    }

    private void header(RunResults results) {
        line("# MedSync Realtime benchmark: latest run");
        line("");
        line("Written by `benchmarks/run.sh` on " + results.machine().get("date") + ", on the machine below ("
                + results.machine().get("cores") + " cores, " + results.machine().get("cpu") + "), in "
                + String.format("%.0f", results.runSeconds() / 60.0) + " minutes.");
        line("");
        if (results.repeats() > 1) {
            line("- **Every figure is the median of " + results.repeats() + " runs** of the same comparison; beside it, in"
                    + " brackets, the spread: min–max, then each run's value in run order. Ratios between servers are medians"
                    + " of the ratios measured within one run.");
        } else {
            line("- **One run only** (`-Dbench.repeat=1`): no median, no spread; a single run's figures on a shared machine"
                    + " can be far off (the default is three runs).");
        }
        line("- **Absolute figures vary between machines** (and with whatever else runs on this one: see the load averages);"
                + " only ratios measured in the same run compare.");
        line("- Run once, in the first repeat: the plugin swap, the JFR profiles at saturation, and JMH. To fit three repeats"
                + " into the run's time, the ramp's steps are " + results.settings().get("fanout_step_millis") + " ms and the"
                + " load shapes' warm-up runs at " + results.settings().get("shapes_warm_up_rate_factor") + "x their rate.");
        line("");
        line("| machine | |");
        line("|---|---|");
        for (Map.Entry<String, Object> entry : results.machine().entrySet()) {
            line("| " + entry.getKey() + " | " + entry.getValue() + " |");
        }
        line("");
    }

    private void targets(List<Target> targets) {
        line("## Targets of issues #12 and #6");
        line("");
        line("| issue | target | measured (median, spread) | met |");
        line("|---|---|---|---|");
        for (Target target : targets) {
            line("| " + target.issue() + " | " + target.target() + " | " + target.measured() + " | " + (target.met() ? "yes" : "**no**") + " |");
        }
        line("");
    }

    private List<String> comparedServers(RunResults results) {
        return results.serverKeys().stream().filter(key -> !results.runsOf(key).isEmpty()).toList();
    }

    private void summary(RunResults results) {
        List<String> servers = comparedServers(results);
        if (servers.isEmpty()) {
            return;
        }
        line("## Comparison: fan-out, half load, connect storm, memory");
        line("");
        line((results.repeats() > 1 ? "Medians of " + results.repeats() + " runs (min–max: each run's value)." : "One run.")
                + " Fan-out: " + results.fanOutSockets()
                + " sockets in " + results.fanOutRooms() + " rooms. Each server in a fresh process; the first repeat runs"
                + " MedSync first (the half- and heavy-load rates come from its ramp), each later one starts with the next"
                + " server.");
        line("");
        line("| | " + String.join(" | ", servers.stream().map(results::label).toList()) + " |");
        line("|---" + "|---".repeat(servers.size()) + "|");
        row(servers, "fan-out: delivered events/s at saturation", key -> Figures.saturation(results, key).format("%,.0f"));
        row(servers, "fan-out: MedSync's delivered events/s over this server's (same run)", key -> key.equals("medsync") ? ""
                : Figures.saturationRatio(results, key).format("%.2f", "x"));
        row(servers, "fan-out: highest rate kept up with, median <= " + Math.round(FanOut.KEPT_UP_P50_MS) + " ms (events/s)",
                key -> Figures.keptUp(results, key).format("%,.0f"));
        row(servers, "fan-out: highest rate sustained, deliveries >= 80% of offered (events/s)",
                key -> Figures.sustained(results, key).format("%,.0f"));
        loadRows(results, servers, "half load", ServerResults::halfLoad);
        loadRows(results, servers, "heavy load", ServerResults::heavyLoad);
        row(servers, "connect storm: authenticated handshakes/s", key -> Figures.storm(results, key).format("%,.0f"));
        row(servers, "capacity: connections held at the highest level", key -> Figures.topLevel(results, key,
                Capacity.Level::held).format("%,.0f"));
        row(servers, "capacity: heap bytes per idle connection", key -> Figures.topLevel(results, key,
                Capacity.Level::heapBytesPerConnection).format("%,.0f"));
        row(servers, "capacity: RSS bytes per idle connection", key -> Figures.topLevel(results, key,
                Capacity.Level::rssBytesPerConnection).format("%,.0f"));
        row(servers, "sockets the server closed during the runs", key -> String.valueOf(results.runsOf(key).stream()
                .mapToInt(ServerResults::unexpectedCloses).sum()));
        row(servers, "errors", key -> {
            List<String> errors = results.runsOf(key).stream().filter(s -> s.error() != null)
                    .map(s -> "repeat " + s.repeat() + ": " + s.error()).toList();
            return errors.isEmpty() ? "none" : String.join("; ", errors);
        });
        line("");
        line("![delivered events/s](" + Charts.DELIVERED + ")");
        line("");
        line("![latency against load](" + Charts.LATENCY + ")");
        line("");
        line("![memory per connection](" + Charts.MEMORY + ")");
        line("");
    }

    /** The rows of one fixed-rate step: its rate, latency, CPU per event and server-side delay. */
    private void loadRows(RunResults results, List<String> servers, String load, Function<ServerResults, HalfLoad> which) {
        row(servers, load + ": offered publishes/s (events/s)", key -> results.server(key, 1).map(which)
                .map(h -> String.format("%,.0f (%,.0f)", h.step().offeredPublishesPerS(), h.step().offeredEventsPerS())).orElse("-"));
        row(servers, load + ": p50 ms", key -> Figures.load(results, key, which, h -> h.step().latency().p50()).format("%.1f"));
        row(servers, load + ": p99 ms", key -> Figures.load(results, key, which, h -> h.step().latency().p99()).format("%.1f"));
        row(servers, load + ": p99.9 ms", key -> Figures.load(results, key, which, h -> h.step().latency().p999()).format("%.1f"));
        row(servers, load + ": server CPU per delivered event, µs", key -> Figures.load(results, key, which,
                HalfLoad::serverCpuUsPerEvent).format("%.2f"));
        row(servers, load + ": server-side accept-to-write p50 / p99 ms", key ->
                Figures.load(results, key, which, HalfLoad::acceptToWriteP50Ms).format("%.2f") + " / "
                        + Figures.load(results, key, which, HalfLoad::acceptToWriteP99Ms).format("%.2f"));
    }

    private void row(List<String> servers, String name, Function<String, String> cell) {
        line("| " + name + " | " + String.join(" | ", servers.stream().map(cell).toList()) + " |");
    }

    private void halfLoad(RunResults results) {
        List<String> servers = comparedServers(results);
        if (servers.isEmpty()) {
            return;
        }
        int cores = ((Number) results.machine().getOrDefault("cores", 2)).intValue();
        line("## Half and heavy load: who used the cores");
        line("");
        line("The load generator (this harness: the publisher and the " + results.fanOutSockets() + " receiving sockets) runs on"
                + " the same " + cores + " cores as the server. When the two together keep the cores near 100% busy,"
                + " publish-to-receive latency includes waiting for a core, for the generator as much as for the server; the"
                + " server-side accept-to-write delay (MedSync's `medsync_delivery_write_seconds` on /metrics, from the broker"
                + " accepting an event to a connection thread having written it; n/a where a server does not record it) does"
                + " not include the generator's share, but it does include the server's own threads waiting for a core.");
        line("");
        line("| run | load | server | step s | server CPU ms (µs/event) | generator CPU ms (µs/event) | cores busy | p99 ms | accept-to-write p50 / p99 ms | latency figure |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (String key : servers) {
            for (ServerResults run : results.runsOf(key)) {
                coresRow(results, key, run, "half", run.halfLoad(), cores);
                coresRow(results, key, run, "heavy", run.heavyLoad(), cores);
            }
        }
        line("");
    }

    private void coresRow(RunResults results, String key, ServerResults run, String load, HalfLoad h, int cores) {
        if (h == null) {
            return;
        }
        line(String.format("| %d | %s | %s | %.1f | %,.0f (%.2f) | %,.0f (%.2f) | %.0f%% | %.1f | %s / %s | %s |", run.repeat(), load,
                results.label(key), h.wallMs() / 1000, h.serverCpuMs(), h.serverCpuUsPerEvent(), h.generatorCpuMs(),
                h.generatorCpuUsPerEvent(), h.coresBusy(cores) * 100, h.step().latency().p99(),
                na(h.acceptToWriteP50Ms()), na(h.acceptToWriteP99Ms()), verdict(h, cores)));
    }

    /**
     * @return whether the step's publish-to-receive latency says something about the server: not when server and
     *     generator together kept the cores (nearly) saturated, nor when the generator took more CPU than the server
     */
    private static String verdict(HalfLoad h, int cores) {
        if (h.coresBusy(cores) >= 0.9) {
            return String.format("disturbed: the cores were %.0f%% busy, the generator took %.0f%% of that",
                    h.coresBusy(cores) * 100, 100 * h.generatorCpuMs() / (h.generatorCpuMs() + h.serverCpuMs()));
        }
        if (h.generatorCpuMs() > h.serverCpuMs()) {
            return "partly the generator's: it used more CPU than the server";
        }
        return "the server's";
    }

    private static String na(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.2f", value);
    }

    private void capacity(RunResults results) {
        List<String> servers = comparedServers(results);
        if (servers.stream().allMatch(key -> results.runsOf(key).stream().allMatch(run -> run.capacity() == null))) {
            return;
        }
        line("## Capacity: idle authenticated connections");
        line("");
        line("Held by Node.js generator processes in hold mode (at most " + results.settings().get("capacity_sockets_per_process")
                + " sockets each, source addresses 127.0.0.1 to 127.0.0." + results.settings().get("capacity_addresses")
                + "), so the generator's own limit of open files is not the bound. A server holding N sockets needs N descriptors"
                + " plus its own, under a limit of open files that cannot be raised above the machine's hard limit: a level"
                + " that does not fit is lowered to the largest multiple of 10 that does.");
        line("");
        line("| run | server | level asked | attempted | held | server descriptors: limit / idle / at level | heap / RSS bytes per connection | why not more |");
        line("|---|---|---|---|---|---|---|---|");
        for (String key : servers) {
            for (ServerResults run : results.runsOf(key)) {
                if (run.capacity() == null) {
                    continue;
                }
                for (Capacity.Level level : run.capacity().levels()) {
                    line(String.format("| %d | %s | %,d | %,d | %,d | %,d / %,d / %,d | %,.0f / %,.0f | %s |", run.repeat(),
                            results.label(key), level.requested(), level.attempted(), level.held(), run.capacity().serverFdLimit(),
                            run.capacity().idleServerFds(), level.serverFdsAtLevel(), level.heapBytesPerConnection(),
                            level.rssBytesPerConnection(), level.limitedBy() == null ? "" : level.limitedBy()));
                }
            }
        }
        line("");
    }

    private void fanOutSteps(RunResults results) {
        line("## Fan-out ramp (first run)");
        line("");
        line(results.fanOutSockets() + " sockets in " + results.fanOutRooms() + " pharmacy rooms (" + results.fanOutSockets() / results.fanOutRooms()
                + " per room); each publish is one `order:new` to one pharmacy room. The other runs' steps are in latest.json"
                + " (`fanout.steps_by_repeat`).");
        line("");
        for (String key : comparedServers(results)) {
            ServerResults server = results.server(key, 1).orElse(null);
            if (server == null || server.fanOut() == null) {
                continue;
            }
            line("**" + server.label() + "**");
            line("");
            line("| offered publishes/s | sent publishes/s | offered events/s | delivered events/s | saturated | p50 ms | p99 ms | p99.9 ms | max ms |");
            line("|---|---|---|---|---|---|---|---|---|");
            for (FanOut.Step step : server.fanOut().steps()) {
                line(String.format("| %,.0f | %,.0f | %,.0f | %,.0f | %s | %.1f | %.1f | %.1f | %.1f |", step.offeredPublishesPerS(),
                        step.sentPublishesPerS(), step.offeredEventsPerS(), step.deliveredEventsPerS(), step.saturated() ? "yes" : "",
                        step.latency().p50(), step.latency().p99(), step.latency().p999(), step.latency().max()));
            }
            line("");
        }
    }

    private void swap(PluginSwap.Result swap) {
        line("## Plugin swap under load (MedSync)");
        line("");
        if (swap == null) {
            line("Not measured (see errors).");
            line("");
            return;
        }
        line(String.format("Fan-out at %,.0f publishes/s on `/patient-pharmacy`; week3 applied, then week1. Accepted publishes: %d, refused: %d;"
                + " deliveries expected: %d, **lost: %d**. p99 before the swap %.1f ms; worst 500 ms window p99 during/after it %.1f ms; max %.1f ms.",
                swap.publishesPerS(), swap.accepted(), swap.refused(), swap.expectedDeliveries(), swap.lostDeliveries(),
                swap.p99BeforeMs(), swap.worstWindowP99Ms(), swap.maxMs()));
        line("");
        swap.timeline().forEach(event -> line("- " + event));
        line("");
        line("p99 per 500 ms window (ms): " + swap.windowP99Ms().stream().map(v -> String.format("%.1f", v)).toList());
        line("");
    }

    private void profile(String label, Profile.Summary profile) {
        line("## Profile: " + label + " at fan-out saturation (JFR)");
        line("");
        line(String.format("%d execution samples. Share of samples with netty-socketio's `PacketEncoder` on the stack: **%.0f%%**;"
                + " Jackson `ObjectMapper`/`ObjectWriter.write*`: %.0f%%; socket writes: %.0f%%.", profile.samples(),
                profile.encoderShare() * 100, profile.jacksonWriteShare() * 100, profile.socketWriteShare() * 100));
        line("");
        line("| top frames (self) | share | | top `com.*` methods (on stack) | share |");
        line("|---|---|---|---|---|");
        for (int i = 0; i < Math.max(profile.selfTop().size(), profile.totalTop().size()); i++) {
            Profile.Frame self = i < profile.selfTop().size() ? profile.selfTop().get(i) : null;
            Profile.Frame total = i < profile.totalTop().size() ? profile.totalTop().get(i) : null;
            line("| " + (self == null ? "" : "`" + self.method() + "`") + " | " + (self == null ? "" : String.format("%.1f%%", self.share() * 100))
                    + " | | " + (total == null ? "" : "`" + total.method() + "`") + " | "
                    + (total == null ? "" : String.format("%.1f%%", total.share() * 100)) + " |");
        }
        line("");
    }

    private void jmh(List<JmhSuite.Result> jmh) {
        line("## JMH: hot paths");
        line("");
        if (jmh.isEmpty()) {
            line("Not run.");
            line("");
            return;
        }
        line("One fork, 3 x 0.5 s warm-up, 5 x 0.5 s measurement; the median iteration, with the fastest and slowest:"
                + " for ranking costs, not for publication.");
        line("");
        line("| benchmark | median | fastest | slowest | unit |");
        line("|---|---|---|---|---|");
        for (JmhSuite.Result result : jmh) {
            line(String.format("| %s | %,.2f | %,.2f | %,.2f | %s |", result.benchmark(), result.median(), result.min(),
                    result.max(), result.unit()));
        }
        line("");
    }

    private void notes(RunResults results) {
        line("## How it was measured");
        line("");
        line("- Each server runs in its own process on 127.0.0.1, started and stopped by the harness. Two load generators,"
                + " both speaking raw Engine.IO 4 / Socket.IO 5 WebSocket frames with real HS256 JWTs and publishing through"
                + " `POST /api/v1/events`: `java` (this harness: Netty clients, one JVM) and `node` (benchmarks/node-loadgen:"
                + " Node.js `ws` clients, as a browser's frames), with the same tokens, envelopes and rooms. Latency is the"
                + " receiver's monotonic clock at receive minus the publish time carried in the order id.");
        line("- Each repeat of the comparison starts every server afresh; each shape measurement starts its server afresh"
                + " too (so cold is really cold). The load shapes are measured over a fixed count of publishes at a fixed"
                + " rate: from the first publish to the last expected delivery (or the end of a "
                + results.settings().get("shapes_drain_millis") + " ms drain when some never came), the server's process CPU"
                + " and the generator's own CPU are read from `/proc` at both ends; lost deliveries are counted by sequence"
                + " number and socket. The closed-loop shape replicates the independent measurement of issue #12: "
                + results.settings().get("closed_concurrency") + " concurrent HTTP callers, each publishing again as soon as"
                + " its previous publish is answered, after a warm-up of " + results.settings().get("closed_warm_up_events")
                + " events.");
        line("- JVM servers: `" + results.serverJvmOptions() + "` (bare netty-socketio: otherwise the JVM's defaults, G1;"
                + " MedSync: after the defaults of `bin/medsync-realtime`, `-XX:+UseParallelGC -XX:TieredStopAtLevel=1"
                + " -XX:CompileThresholdScaling=0.2 -Dio.netty.leakDetection.level=disabled`, a collector among the"
                + " options above replacing that one; the server's first log line names the collector). MedSync: the built distribution, phase week1, every plugin;"
                + " `medsync.limits.outbound-queue` raised to " + results.medsyncOutboundQueue()
                + " (documented setting, through `JAVA_OPTS`) so a load generator that falls behind at saturation is not"
                + " disconnected as a slow client; every socket has its own `sub`, so `connections-per-user` never applies.");
        line("- Capacity: heap after a full GC (`jcmd GC.run` + `GC.heap_info`; node: `heapUsed` after `global.gc()`) and RSS"
                + " (`/proc/PID/status`), minus the idle server's, divided by the connections held by the node generator's"
                + " hold processes; the server's open descriptors from `/proc/PID/fd`, its limit from `/proc/PID/limits`.");
        line("- The fan-out ramp raises the publish rate 1.5x a step until two steps in a row are saturated (the publisher"
                + " cannot send what is asked, or deliveries fall below 80% of what was offered); a step's delivered rate counts"
                + " until its last delivery arrived; saturation is the best step's delivered rate, which a server reaches with a"
                + " backlog (each socket's write then carries several events). A step was kept up with when it was not saturated"
                + " and its median publish-to-receive stayed at most " + Math.round(FanOut.KEPT_UP_P50_MS) + " ms: below the"
                + " knee the median is a few milliseconds, past it tens to hundreds, while deliveries can still reach 80-97% of"
                + " the offered rate. **Half load** is half of the highest rate MedSync kept up with; **heavy load** is half of"
                + " the highest rate MedSync sustained (deliveries at least 80% of offered: the harness's half load before"
                + " 2026-12-06), where server and generator together keep both cores busy. Both are the same rate for all three"
                + " servers and every repeat, taken from MedSync's first repeat; the plugin swap runs at heavy load.");
        line("- Publishes go over " + results.publishConnections() + " keep-alive HTTP connections, one request in flight on"
                + " each: with a few connections the publisher measures the HTTP round trip on two busy cores rather than"
                + " what the server can deliver (8 connections held MedSync to about 1,200 publishes/s while its sockets had"
                + " room for more).");
        line("- Server CPU per delivered event (half load and every shape): the CPU time of the server's process (every"
                + " thread, user and system, from `/proc`) during the step, divided by the events delivered in it. It depends far less on what"
                + " else ran on the machine than throughput and latency do, and most of it is the kernel's: one `write` to"
                + " a loopback socket per delivery.");
        line("- The load generator runs on the same cores as the server under test, and on a shared machine other work"
                + " runs too (load averages above): absolute figures are lower bounds, latency tails are noisy, and ratios"
                + " between servers are the figures to read. JMH forks run after the servers, on the same machine.");
        line("");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
