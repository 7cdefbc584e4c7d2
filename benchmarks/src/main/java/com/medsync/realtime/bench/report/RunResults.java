package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.jmh.JmhSuite;
import com.medsync.realtime.bench.scenario.PluginSwap;
import com.medsync.realtime.bench.scenario.Profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole run: the machine, each server's results, MedSync's swap and profile, the JMH suite. */
public record RunResults(Map<String, Object> machine, int fanOutSockets, int fanOutRooms, List<ServerResults> servers,
        PluginSwap.Result swap, Map<String, Profile.Summary> profiles, List<JmhSuite.Result> jmh, String medsyncOutboundQueue,
        String serverJvmOptions, int publishConnections) {

    public Optional<ServerResults> server(String key) {
        return servers.stream().filter(server -> server.key().equals(key)).findFirst();
    }
}
