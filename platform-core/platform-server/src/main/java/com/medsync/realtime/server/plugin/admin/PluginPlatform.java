package com.medsync.realtime.server.plugin.admin;

import java.nio.file.Path;
import java.util.Optional;
import com.medsync.realtime.server.plugin.host.PluginHost;
import com.medsync.realtime.server.plugin.feature.PlatformServices;

/** Builds the plugin platform of a server from the parts plugins plug into. */
public final class PluginPlatform {

    private PluginPlatform() {
    }

    /**
     * Loads the plugins of {@code pluginsDir} and starts the set the phase given at start, the saved state
     * or the default says; in a cluster, {@code sharing} holds the plugin set and the jars all nodes run.
     */
    public static PluginAdministration start(Path pluginsDir, Path stateDir, String platformVersion,
            Optional<String> phaseAtStart, PlatformServices services, PluginSharing sharing) {
        PluginHost host = PluginHost.create(pluginsDir, stateDir, platformVersion, services);
        PluginAdministration administration = new PluginAdministration(host, PhaseCatalog.from(services.config()),
                new HostState(stateDir, services.mapper()), sharing);
        administration.startUp(phaseAtStart);
        return administration;
    }
}
