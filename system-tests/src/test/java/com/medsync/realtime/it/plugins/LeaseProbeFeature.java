package com.medsync.realtime.it.plugins;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

import java.time.Duration;

/**
 * Test plugin "lease-probe": a once-per-cluster task "probe" that runs every 50 ms for 20 ms and records each run
 * as {@code <node>,<fencing token>,<start nanos>,<end nanos>;} in the system property its config names
 * ({@code record}), under the node name of its config ({@code node}). The nodes of a test share the JVM, so one
 * property on one monotonic clock shows whether runs of different nodes overlap.
 */
@Extension
public final class LeaseProbeFeature implements MedsyncFeature {

    private static final Duration EVERY = Duration.ofMillis(50);
    private static final long RUN_MILLIS = 20;

    @Override
    public void start(FeatureContext context) {
        String node = context.config().path("node").asText();
        String record = context.config().path("record").asText();
        context.scheduler().scheduleOncePerCluster("probe", lease -> {
            long start = System.nanoTime();
            try {
                Thread.sleep(RUN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long end = System.nanoTime();
            synchronized (System.getProperties()) {
                System.setProperty(record, System.getProperty(record, "")
                        + node + "," + lease.fencingToken() + "," + start + "," + end + ";");
            }
        }, EVERY, EVERY);
    }
}
