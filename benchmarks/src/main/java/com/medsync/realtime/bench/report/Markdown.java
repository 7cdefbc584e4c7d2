package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.jmh.JmhSuite;
import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.FanOut;
import com.medsync.realtime.bench.scenario.PluginSwap;
import com.medsync.realtime.bench.scenario.Profile;

import java.util.Map;

/** {@code latest.md}: the run's figures for people, with the charts. */
final class Markdown {

    private final StringBuilder out = new StringBuilder();

    private Markdown() {
    }

    static String render(RunResults results, java.util.List<Target> targets) {
        Markdown md = new Markdown();
        md.header(results);
        md.targets(targets);
        md.summary(results);
        md.fanOutSteps(results);
        md.swap(results.swap());
        results.profiles().forEach((key, profile) ->
                md.profile(results.server(key).map(ServerResults::label).orElse(key), profile));
        md.jmh(results.jmh());
        md.notes(results);
        return md.out.toString();
    }

    private void header(RunResults results) {
        line("# MedSync Realtime benchmark: latest run");
        line("");
        line("Written by `benchmarks/run.sh`. Every figure below comes from one run on one machine; compare ratios, not absolute numbers across machines.");
        line("");
        line("| machine | |");
        line("|---|---|");
        for (Map.Entry<String, Object> entry : results.machine().entrySet()) {
            line("| " + entry.getKey() + " | " + entry.getValue() + " |");
        }
        line("");
    }

    private void targets(java.util.List<Target> targets) {
        line("## Targets of issue #6");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        for (Target target : targets) {
            line("| " + target.target() + " | " + target.measured() + " | " + (target.met() ? "yes" : "**no**") + " |");
        }
        line("");
    }

    private void summary(RunResults results) {
        line("## Summary");
        line("");
        line("| | " + String.join(" | ", results.servers().stream().map(ServerResults::label).toList()) + " |");
        line("|---" + "|---".repeat(results.servers().size()) + "|");
        row(results, "fan-out: delivered events/s at saturation", s -> s.fanOut() == null ? "-" : String.format("%,.0f", s.fanOut().saturationEventsPerS()));
        row(results, "fan-out: highest rate sustained (events/s offered and delivered)", s -> s.fanOut() == null ? "-"
                : String.format("%,.0f", s.fanOut().sustainedPublishesPerS() * results.fanOutSockets() / (double) results.fanOutRooms()));
        row(results, "half load: publishes/s (events/s)", s -> s.halfLoad() == null ? "-"
                : String.format("%,.0f (%,.0f)", s.halfLoad().offeredPublishesPerS(), s.halfLoad().offeredEventsPerS()));
        row(results, "half load: p50 / p99 / p99.9 / max ms", s -> s.halfLoad() == null ? "-"
                : String.format("%.1f / %.1f / %.1f / %.1f", s.halfLoad().latency().p50(), s.halfLoad().latency().p99(),
                        s.halfLoad().latency().p999(), s.halfLoad().latency().max()));
        row(results, "half load: server CPU per delivered event (all threads, user + system)", s -> Double.isNaN(s.cpuMicrosPerEvent())
                ? "-" : String.format("%.2f µs", s.cpuMicrosPerEvent()));
        row(results, "connect storm: authenticated handshakes/s", s -> s.storm() == null ? "-"
                : String.format("%,.0f (%d of %d, %d failed)", s.storm().perSecond(), s.storm().connected(), s.storm().requested(), s.storm().failed()));
        int levels = results.servers().stream().filter(s -> s.capacity() != null).mapToInt(s -> s.capacity().levels().size()).max().orElse(0);
        for (int i = 0; i < levels; i++) {
            int index = i;
            row(results, "heap / RSS bytes per idle connection, level " + (i + 1), s -> {
                if (s.capacity() == null || s.capacity().levels().size() <= index) {
                    return "-";
                }
                Capacity.Level level = s.capacity().levels().get(index);
                return String.format("%,.0f / %,.0f (%d held)", level.heapBytesPerConnection(), level.rssBytesPerConnection(), level.held());
            });
        }
        row(results, "sockets the server closed during the run", s -> String.valueOf(s.unexpectedCloses()));
        row(results, "error", s -> s.error() == null ? "none" : s.error());
        line("");
        line("![delivered events/s](" + Charts.DELIVERED + ")");
        line("");
        line("![latency against load](" + Charts.LATENCY + ")");
        line("");
        line("![memory per connection](" + Charts.MEMORY + ")");
        line("");
    }

    private void row(RunResults results, String name, java.util.function.Function<ServerResults, String> cell) {
        line("| " + name + " | " + String.join(" | ", results.servers().stream().map(cell).toList()) + " |");
    }

    private void fanOutSteps(RunResults results) {
        line("## Fan-out ramp");
        line("");
        line(results.fanOutSockets() + " sockets in " + results.fanOutRooms() + " pharmacy rooms (" + results.fanOutSockets() / results.fanOutRooms()
                + " per room); each publish is one `order:new` to one pharmacy room.");
        line("");
        for (ServerResults server : results.servers()) {
            if (server.fanOut() == null) {
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

    private void jmh(java.util.List<JmhSuite.Result> jmh) {
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
        line("- Each server runs in its own process on 127.0.0.1, started and stopped by the harness; the load generator (one JVM,"
                + " Netty, raw Engine.IO 4 / Socket.IO 5 WebSocket frames, real HS256 JWTs) publishes and receives, so latency is"
                + " `System.nanoTime()` at receive minus the publish time carried in the order id.");
        line("- JVM servers: `" + results.serverJvmOptions() + "`. MedSync: the built distribution, phase week1, every plugin;"
                + " `medsync.limits.outbound-queue` raised to " + results.medsyncOutboundQueue()
                + " (documented setting, through `JAVA_OPTS`) so a load generator that falls behind at saturation is not"
                + " disconnected as a slow client; every socket has its own `sub`, so `connections-per-user` never applies.");
        line("- Capacity: heap after a full GC (`jcmd GC.run` + `GC.heap_info`; node: `heapUsed` after `global.gc()`) and RSS"
                + " (`/proc/PID/status`), minus the idle server's, divided by the connections held.");
        line("- The fan-out ramp raises the publish rate 1.5x a step until two steps in a row are saturated (the publisher"
                + " cannot send what is asked, or deliveries fall below 80% of what was offered); a step's delivered rate counts"
                + " until its last delivery arrived; saturation is the best step's delivered rate. Half load is half of the highest"
                + " rate MedSync sustained (a step that was not saturated), the same rate for all three servers: a peak"
                + " reached in a lucky burst on a shared machine is no base for a steady rate.");
        line("- Publishes go over " + results.publishConnections() + " keep-alive HTTP connections, one request in flight on"
                + " each: with a few connections the publisher measures the HTTP round trip on two busy cores rather than"
                + " what the server can deliver (8 connections held MedSync to about 1,200 publishes/s while its sockets had"
                + " room for more).");
        line("- Server CPU per delivered event: the CPU time of the server's process (every thread, user and system, from"
                + " `/proc`) during the half-load step, divided by the events delivered in it. It depends far less on what"
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
