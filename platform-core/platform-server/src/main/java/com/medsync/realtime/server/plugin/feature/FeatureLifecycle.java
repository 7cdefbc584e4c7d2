package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Starts and stops the {@link MedsyncFeature}s of plugins. This is the only place the host keeps
 * extension instances, and it forgets them when a plugin stops.
 */
public final class FeatureLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeatureLifecycle.class);

    private final PlatformServices platform;
    private final Function<Class<?>, List<?>> extensionLookup;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** What each stopped plugin served, for a plan of a phase that would start it again. */
    private final Map<String, List<String>> servedWhenLastRunning = new ConcurrentHashMap<>();
    /** Plugin and namespace pairs already warned about: a plugin restarted often must not flood the log. */
    private final Set<List<String>> undeclaredWarned = ConcurrentHashMap.newKeySet();

    private record Running(List<MedsyncFeature> features, Registrations registrations, PluginTasks tasks,
            ClassLoader loader) {
    }

    public FeatureLifecycle(PlatformServices platform, Function<Class<?>, List<?>> extensionLookup) {
        this.platform = platform;
        this.extensionLookup = extensionLookup;
    }

    /**
     * Starts every feature of a plugin pf4j has started. On failure whatever was registered is removed
     * and the cause is thrown.
     *
     * @param features the plugin's {@link MedsyncFeature} extensions
     * @param extensionCount how many extensions of any type the plugin declares
     * @param declaredNamespaces the namespaces its manifest declares ({@code Plugin-Namespaces})
     */
    public void start(PluginWrapper plugin, List<MedsyncFeature> features, int extensionCount,
            List<String> declaredNamespaces) throws Exception {
        String id = plugin.getPluginId();
        if (running.containsKey(id)) {
            return;
        }
        if (extensionCount == 0) {
            log.warn("Plugin {} started with no extensions at all: was it compiled with pf4j's annotation processor"
                    + " (META-INF/extensions.idx)?", id);
        }
        ClassLoader loader = plugin.getPluginClassLoader();
        Registrations registrations = new Registrations(id,
                namespace -> warnIfUndeclared(id, declaredNamespaces, namespace));
        PluginTasks tasks = new PluginTasks(id, loader, platform.scheduler(), platform.leases());
        List<MedsyncFeature> started = new ArrayList<>();
        try {
            for (MedsyncFeature feature : features) {
                PluginFeatureContext context = new PluginFeatureContext(id, loader, platform, registrations, tasks,
                        extensionLookup);
                PluginCalls.call(loader, () -> {
                    feature.start(context);
                    return null;
                });
                started.add(feature);
            }
        } catch (Exception | LinkageError e) {
            tearDown(id, new Running(started, registrations, tasks, loader));
            if (e instanceof LinkageError linkage) {
                throw new IllegalStateException(linkage.toString(), linkage);
            }
            throw (Exception) e;
        }
        running.put(id, new Running(List.copyOf(features), registrations, tasks, loader));
    }

    public void stop(String pluginId) {
        Running plugin = running.remove(pluginId);
        if (plugin != null) {
            servedWhenLastRunning.put(pluginId, plugin.registrations().namespaces());
            tearDown(pluginId, plugin);
        }
    }

    /**
     * The namespaces a plugin serves: while it runs, those it serves now; once stopped, those it served when it
     * last ran on this node; none for one that never ran here since this node started (its manifest says what it
     * would serve).
     */
    public List<String> namespacesOf(String pluginId) {
        Running plugin = running.get(pluginId);
        if (plugin != null) {
            return plugin.registrations().namespaces();
        }
        return servedWhenLastRunning.getOrDefault(pluginId, List.of());
    }

    public boolean isRunning(String pluginId) {
        return running.containsKey(pluginId);
    }

    public List<String> provides(String pluginId) {
        Running plugin = running.get(pluginId);
        return plugin == null ? List.of() : plugin.registrations().provides();
    }

    /**
     * The namespace is served all the same: the manifest only informs plans, and clients must not pay for its
     * author's omission. The warning is what gets the manifest fixed.
     */
    private void warnIfUndeclared(String pluginId, List<String> declared, String namespace) {
        if (!declared.contains(namespace) && undeclaredWarned.add(List.of(pluginId, namespace))) {
            log.warn("Plugin {} serves namespace {}, which its manifest does not declare (Plugin-Namespaces: {}):"
                    + " a phase's plan cannot name it before the plugin ran on this node; add it to"
                    + " Plugin-Namespaces", pluginId, namespace,
                    declared.isEmpty() ? "none" : String.join(",", declared));
        }
    }

    /** Registrations first (no new calls reach the plugin), then its tasks, then its own stop hooks. */
    private static void tearDown(String pluginId, Running plugin) {
        plugin.registrations().undoAll();
        plugin.tasks().cancelAll();
        for (MedsyncFeature feature : plugin.features()) {
            try {
                PluginCalls.run(plugin.loader(), feature::stop);
            } catch (RuntimeException | LinkageError e) {
                log.error("Feature {} of plugin {} failed to stop", feature.getClass().getName(), pluginId, e);
            }
        }
    }
}
