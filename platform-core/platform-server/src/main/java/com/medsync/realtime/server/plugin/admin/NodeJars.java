package com.medsync.realtime.server.plugin.admin;

import com.medsync.realtime.server.plugin.host.PluginHost;
import com.medsync.realtime.server.plugin.host.PluginOperationException;
import com.medsync.realtime.server.plugin.host.PluginView;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link ClusterJarSync} needs of this node's plugin host: its plugins directory, the jar each plugin came
 * from, and loading and unloading by jar. A seam of its own so that the sync's refusals (a name outside the
 * directory, a wrong checksum, an oversized jar) are tested without pf4j.
 */
interface NodeJars {

    Path pluginsDir();

    /** @return the jar a loaded plugin came from */
    Optional<Path> jarOf(String pluginId);

    /** Loads the jar of that name from the plugins directory; a plugin that cannot load is answered FAILED. */
    PluginView load(String fileName);

    /** @throws PluginOperationException when the plugin cannot be unloaded */
    void unload(String pluginId);

    static NodeJars of(PluginHost host) {
        return new NodeJars() {
            @Override
            public Path pluginsDir() {
                return host.pluginsDir();
            }

            @Override
            public Optional<Path> jarOf(String pluginId) {
                return host.jarOf(pluginId);
            }

            @Override
            public PluginView load(String fileName) {
                return host.load(fileName);
            }

            @Override
            public void unload(String pluginId) {
                host.unload(pluginId);
            }
        };
    }
}
