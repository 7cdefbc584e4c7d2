package com.medsync.realtime.server.plugin.admin;

import java.time.Duration;

/**
 * What a node shares of its plugins with a cluster, and how.
 *
 * @param node         this node's id, named in what it publishes
 * @param set          the plugin set every node runs
 * @param jars         the jars loaded through the admin API, which every node loads too
 * @param maxJarBytes  a bigger jar is not shared ({@code medsync.plugins.max-jar-bytes})
 * @param applyTimeout how long a phase applied waits for the other nodes ({@code medsync.plugins.cluster-apply-timeout})
 */
public record PluginSharing(String node, SharedPluginSet set, SharedJars jars, long maxJarBytes,
        Duration applyTimeout) {

    /** A single node: nothing is shared. */
    public static PluginSharing none() {
        return new PluginSharing("local", SharedPluginSet.NONE, SharedJars.NONE, Long.MAX_VALUE, Duration.ZERO);
    }
}
