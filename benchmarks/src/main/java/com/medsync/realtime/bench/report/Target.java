package com.medsync.realtime.bench.report;

import java.util.ArrayList;
import java.util.List;

/** One target of issue #6, the figure the run measured for it, and whether it is met. */
public record Target(String target, String measured, boolean met) {

    static final long HEAP_PER_CONNECTION_LIMIT = 16 * 1024;
    static final int CONNECTIONS_TARGET = 20_000;

    static List<Target> evaluate(RunResults results) {
        List<Target> targets = new ArrayList<>();
        double medsync = Report.saturation(results, "medsync");
        double vsNode = Report.ratio(medsync, Report.saturation(results, "node_socketio"));
        double vsBare = Report.ratio(medsync, Report.saturation(results, "bare_nettysocketio"));
        targets.add(new Target("fan-out delivered events/s >= 3x node socket.io", String.format("%.2fx", vsNode), vsNode >= 3));
        targets.add(new Target("fan-out delivered events/s >= 0.8x bare netty-socketio", String.format("%.2fx", vsBare), vsBare >= 0.8));
        Report.halfLoad(results, "medsync").ifPresentOrElse(
                step -> targets.add(new Target("p99 publish-to-receive <= 20 ms at half of MedSync's sustained saturation rate, "
                        + results.fanOutSockets() + " sockets", String.format("%.1f ms", step.latency().p99()), step.latency().p99() <= 20)),
                () -> targets.add(new Target("p99 publish-to-receive <= 20 ms at half load", "not measured", false)));
        Report.topLevel(results, "medsync").ifPresentOrElse(level -> {
            targets.add(new Target("heap per idle authenticated connection <= 16 KiB",
                    String.format("%.0f bytes at %d connections", level.heapBytesPerConnection(), level.held()),
                    level.heapBytesPerConnection() <= HEAP_PER_CONNECTION_LIMIT));
            targets.add(new Target("20,000 connections held", level.held() + " held of " + level.requested() + " opened",
                    level.held() >= CONNECTIONS_TARGET));
        }, () -> targets.add(new Target("heap per idle authenticated connection <= 16 KiB", "not measured", false)));
        if (results.swap() != null) {
            targets.add(new Target("0 events lost on /patient-pharmacy during the plugin swap",
                    results.swap().lostDeliveries() + " lost of " + results.swap().expectedDeliveries(),
                    results.swap().lostDeliveries() == 0 && results.swap().expectedDeliveries() > 0));
        } else {
            targets.add(new Target("0 events lost on /patient-pharmacy during the plugin swap", "not measured", false));
        }
        return targets;
    }
}
