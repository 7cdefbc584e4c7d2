package com.medsync.realtime.server.cluster;

import com.medsync.realtime.server.plugin.admin.PluginAdministration;

/**
 * One step of keeping a node's plugins the cluster's: the jars first, so that a plugin set naming a jar just
 * published finds it loaded; then the plugin set, adopted again when the jars changed; and a node that adopted
 * a set reports at once, so that the node waiting for the cluster to follow a phase hears of it.
 */
final class ClusterPluginSync {

    private final PluginAdministration plugins;
    private final RedisPluginSet pluginSet;
    private final Runnable reportNow;

    ClusterPluginSync(PluginAdministration plugins, RedisPluginSet pluginSet, Runnable reportNow) {
        this.plugins = plugins;
        this.pluginSet = pluginSet;
        this.reportNow = reportNow;
    }

    void step() {
        boolean jarsChanged = plugins.syncJars();
        if (pluginSet.poll(plugins::adopt, plugins::snapshot, jarsChanged)) {
            reportNow.run();
        }
    }
}
