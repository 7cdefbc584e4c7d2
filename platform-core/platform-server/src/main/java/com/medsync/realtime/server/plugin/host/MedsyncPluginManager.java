package com.medsync.realtime.server.plugin.host;

import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginStatusProvider;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginLoader;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

import java.nio.file.Path;
import java.util.List;

/**
 * pf4j configured for MedSync: jar plugins only, described by their MANIFEST with MedSync's own entries
 * ({@link MedsyncDescriptorFinder}), our {@link SharedApiClassLoader}, extensions found from the annotation
 * processor's index only, and enabled/disabled flags kept in the state directory. It is
 * not thread safe (pf4j is not); {@link PluginHost} calls it under one lock.
 */
final class MedsyncPluginManager extends DefaultPluginManager {

    private final Path stateDir;

    MedsyncPluginManager(Path pluginsDir, Path stateDir, String platformVersion) {
        // pf4j's constructor already calls the create* methods, before stateDir is set: the status provider
        // therefore reads it lazily.
        super(List.of(pluginsDir));
        this.stateDir = stateDir;
        setSystemVersion(platformVersion);
        setExactVersionAllowed(false);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(new JarPluginLoader(this) {
            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                SharedApiClassLoader loader = new SharedApiClassLoader(pluginManager, descriptor,
                        MedsyncPluginManager.class.getClassLoader());
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        });
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new MedsyncDescriptorFinder();
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        return new LegacyExtensionFinder(this);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new LazyStatusProvider();
    }

    /** Stops one plugin without touching its dependents: {@link PluginHost} orders stops itself. */
    void stopOnly(String pluginId) {
        stopPlugin(pluginId, false);
    }

    /** Marks a plugin failed with its cause, as pf4j 3.14 does not when a start throws. */
    void markFailed(String pluginId, Throwable cause) {
        PluginWrapper plugin = getPlugin(pluginId);
        if (plugin != null) {
            plugin.setPluginState(PluginState.FAILED);
            plugin.setFailedException(cause);
            getStartedPlugins().remove(plugin);
        }
    }

    /** The status provider is created inside pf4j's constructor, before {@link #stateDir} is set. */
    private final class LazyStatusProvider implements PluginStatusProvider {

        private PluginStatusProvider delegate;

        private PluginStatusProvider delegate() {
            if (delegate == null) {
                delegate = new DefaultPluginStatusProvider(stateDir);
            }
            return delegate;
        }

        @Override
        public boolean isPluginDisabled(String pluginId) {
            return delegate().isPluginDisabled(pluginId);
        }

        @Override
        public void disablePlugin(String pluginId) {
            delegate().disablePlugin(pluginId);
        }

        @Override
        public void enablePlugin(String pluginId) {
            delegate().enablePlugin(pluginId);
        }
    }
}
