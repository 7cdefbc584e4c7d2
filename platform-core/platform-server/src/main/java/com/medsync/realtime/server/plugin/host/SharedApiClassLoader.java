package com.medsync.realtime.server.plugin.host;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.util.List;

/**
 * A plugin's class loader that shows it the platform's API and nothing else of the host: the SPI,
 * Jackson, SLF4J and pf4j come from the host (one copy, so types match across plugins), the JDK from the
 * JDK, and every other class from the plugin's own jar or its plugin dependencies. A plugin that bundles
 * its own Netty or Guava gets its own; a plugin can never reach the server's internals by name.
 */
final class SharedApiClassLoader extends PluginClassLoader {

    /** Packages the host shares with every plugin, parent-first. */
    static final List<String> SHARED_PACKAGES = List.of(
            "com.medsync.realtime.spi.",
            "com.fasterxml.jackson.",
            "org.slf4j.",
            "org.pf4j.");

    /** Plugin classes first, then the plugins it depends on; never the application class path. */
    private static final ClassLoadingStrategy PLUGIN_THEN_DEPENDENCIES = new ClassLoadingStrategy(
            List.of(ClassLoadingStrategy.Source.PLUGIN, ClassLoadingStrategy.Source.DEPENDENCIES));

    private final ClassLoader host;

    SharedApiClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
        super(manager, descriptor, host, PLUGIN_THEN_DEPENDENCIES);
        this.host = host;
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (isShared(className)) {
            return host.loadClass(className);
        }
        if (!className.startsWith("java.")) {
            try {
                // The JDK's own modules (javax.crypto, java.net.http's internals, jdk.*) are everyone's.
                return ClassLoader.getPlatformClassLoader().loadClass(className);
            } catch (ClassNotFoundException notJdk) {
                // a plugin class, or one of its dependencies'
            }
        }
        return super.loadClass(className);
    }

    /**
     * A plugin's extension index is its own. pf4j consults the application class path for it too, which
     * would hand a plugin without an index the host's extensions (or, in tests, the test class path's).
     */
    @Override
    public java.net.URL getResource(String name) {
        return LegacyExtensionFinder.EXTENSIONS_RESOURCE.equals(name) ? findResource(name) : super.getResource(name);
    }

    @Override
    public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
        return LegacyExtensionFinder.EXTENSIONS_RESOURCE.equals(name) ? findResources(name) : super.getResources(name);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
