package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.jmh.JmhSuite;
import com.medsync.realtime.bench.scenario.PluginSwap;
import com.medsync.realtime.bench.scenario.Profile;
import com.medsync.realtime.bench.scenario.ShapeRun;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A whole run: the machine, each server's results in each repeat of the comparison, the load shapes matrix,
 * MedSync's swap and the profiles (first repeat only), the JMH suite.
 *
 * @param comparisons every server's results of every repeat, in the order measured
 * @param shapes every measurement of the shapes matrix
 * @param shapeDeliveriesPerS the open-loop shapes' offered deliveries per second
 * @param runSeconds how long the run took, build excluded
 */
public record RunResults(Map<String, Object> machine, int repeats, int fanOutSockets, int fanOutRooms,
        List<ServerResults> comparisons, PluginSwap.Result swap, Map<String, Profile.Summary> profiles,
        List<JmhSuite.Result> jmh, String medsyncOutboundQueue, String serverJvmOptions, int publishConnections,
        List<ShapeRun> shapes, double shapeDeliveriesPerS, Map<String, Object> settings, long runSeconds) {

    /** @return the server keys in the order first measured (comparison first, then shapes) */
    public List<String> serverKeys() {
        Set<String> keys = new LinkedHashSet<>();
        comparisons.forEach(server -> keys.add(server.key()));
        shapes.forEach(run -> keys.add(run.server()));
        return List.copyOf(keys);
    }

    /** @return the server's results of every repeat */
    public List<ServerResults> runsOf(String key) {
        return comparisons.stream().filter(server -> server.key().equals(key)).toList();
    }

    /** @return the server's results of one repeat */
    public Optional<ServerResults> server(String key, int repeat) {
        return comparisons.stream().filter(server -> server.key().equals(key) && server.repeat() == repeat).findFirst();
    }

    /** @return the server's label (from the comparison, else from the shapes) */
    public String label(String key) {
        return comparisons.stream().filter(server -> server.key().equals(key)).map(ServerResults::label).findFirst()
                .orElseGet(() -> shapes.stream().filter(run -> run.server().equals(key) && run.shape().medsyncPhase().equals("week1"))
                        .map(ShapeRun::serverLabel).findFirst().orElse(key));
    }
}
