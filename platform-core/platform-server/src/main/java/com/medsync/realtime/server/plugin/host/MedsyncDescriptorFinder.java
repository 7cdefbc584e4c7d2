package com.medsync.realtime.server.plugin.host;

import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;

import java.util.jar.Manifest;

/**
 * Reads a plugin jar's MANIFEST as pf4j does, plus MedSync's own {@code Plugin-Namespaces}
 * ({@link MedsyncPluginDescriptor}). Both the checks before loading ({@link PluginCandidates}) and pf4j's loading
 * ({@link MedsyncPluginManager}) use it, so a loaded plugin's descriptor always carries its namespaces.
 */
final class MedsyncDescriptorFinder extends ManifestPluginDescriptorFinder {

    @Override
    protected PluginDescriptor createPluginDescriptor(Manifest manifest) {
        MedsyncPluginDescriptor descriptor = (MedsyncPluginDescriptor) super.createPluginDescriptor(manifest);
        descriptor.declareNamespaces(manifest.getMainAttributes().getValue(MedsyncPluginDescriptor.PLUGIN_NAMESPACES));
        return descriptor;
    }

    @Override
    protected DefaultPluginDescriptor createPluginDescriptorInstance() {
        return new MedsyncPluginDescriptor();
    }
}
