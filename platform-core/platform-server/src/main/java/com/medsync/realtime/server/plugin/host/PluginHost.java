package com.medsync.realtime.server.plugin.host;

import com.medsync.realtime.server.plugin.host.PluginCandidates.Loadable;
import com.medsync.realtime.server.plugin.host.PluginCandidates.Refused;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.PluginDependency;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import com.medsync.realtime.server.plugin.feature.FeatureLifecycle;
import com.medsync.realtime.server.plugin.feature.PlatformServices;

/**
 * Loads, starts, stops and unloads plugins at runtime, while clients stay connected. pf4j is not thread
 * safe, so every operation runs under one lock; the host orders starts by dependency and stops in reverse
 * itself, and a plugin that fails (bad jar, missing dependency, a throwing feature) ends FAILED with its
 * reason while the others run.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Path pluginsDir;
    private final MedsyncPluginManager manager;
    private final PluginCandidates candidates;
    private final FeatureLifecycle features;
    private final DependencyOrder order;
    private final Map<String, Refused> refused = new LinkedHashMap<>();

    /**
     * @param platformVersion the version {@code Plugin-Requires} is checked against
     */
    PluginHost(Path pluginsDir, Path stateDir, String platformVersion, PlatformServices platform) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        createDirectory(this.pluginsDir);
        createDirectory(stateDir);
        this.manager = new MedsyncPluginManager(this.pluginsDir, stateDir, platformVersion);
        this.candidates = new PluginCandidates(platformVersion, manager.getVersionManager());
        this.features = new FeatureLifecycle(platform, this::startedExtensions);
        this.order = new DependencyOrder(id -> {
            PluginWrapper plugin = manager.getPlugin(id);
            return plugin == null ? null : plugin.getDescriptor().getDependencies();
        });
    }

    public static PluginHost create(Path pluginsDir, Path stateDir, String platformVersion, PlatformServices platform) {
        return new PluginHost(pluginsDir, stateDir, platformVersion, platform);
    }

    /** Loads every jar of the plugins directory; broken ones end FAILED. Starts nothing. */
    public void loadAll() {
        locked(() -> {
            List<Path> jars;
            try (Stream<Path> files = Files.list(pluginsDir)) {
                jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + pluginsDir, e);
            }
            loadJars(jars);
            return null;
        });
    }

    /** Loads one jar of the plugins directory. */
    public PluginView load(String fileName) {
        return locked(() -> {
            Path jar = pluginsDir.resolve(fileName).normalize();
            if (!jar.startsWith(pluginsDir) || !Files.isRegularFile(jar)) {
                throw PluginOperationException.notFound("no file '" + fileName + "' in the plugins directory");
            }
            if (manager.getPlugins().stream().anyMatch(plugin -> plugin.getPluginPath().equals(jar))) {
                throw PluginOperationException.conflict("'" + fileName + "' is already loaded");
            }
            refused.values().removeIf(entry -> entry.path().equals(jar));
            List<String> ids = loadJars(List.of(jar));
            return view(ids.get(0));
        });
    }

    public PluginView start(String id) {
        return locked(() -> {
            startWithDependencies(id, new LinkedHashSet<>());
            return view(id);
        });
    }

    public PluginView stop(String id) {
        return locked(() -> {
            loaded(id);
            stopWithDependents(id);
            return view(id);
        });
    }

    public PluginView enable(String id) {
        return locked(() -> {
            loaded(id);
            manager.enablePlugin(id);
            return view(id);
        });
    }

    public PluginView disable(String id) {
        return locked(() -> {
            loaded(id);
            stopWithDependents(id);
            manager.disablePlugin(id);
            return view(id);
        });
    }

    /** Unloads a plugin; its class loader is closed and nothing of it stays reachable from the host. */
    public PluginView unload(String id) {
        return locked(() -> {
            Refused failed = refused.remove(id);
            if (failed != null) {
                return new PluginView(id, version(failed), "UNLOADED", "", List.of(), List.of(), null);
            }
            PluginWrapper plugin = loaded(id);
            List<String> dependents = loadedDependents(id);
            if (!dependents.isEmpty()) {
                throw PluginOperationException.conflict("plugins " + dependents + " depend on '" + id
                        + "'; unload them first");
            }
            stopWithDependents(id);
            String version = plugin.getDescriptor().getVersion();
            manager.unloadPlugin(id);
            return new PluginView(id, version, "UNLOADED", plugin.getDescriptor().getPluginDescription(), List.of(),
                    MedsyncPluginDescriptor.declaredBy(plugin.getDescriptor()), null);
        });
    }

    /**
     * Replaces a plugin with its jar as it is now on disk. Plugins that depend on it are reloaded too (their
     * classes were linked to the old one), and whatever was started is started again.
     */
    public PluginView reload(String id) {
        return locked(() -> {
            loaded(id);
            List<String> family = new ArrayList<>(loadedDependents(id));
            family.add(id);
            Set<String> wasStarted = new LinkedHashSet<>();
            Map<String, Path> paths = new LinkedHashMap<>();
            for (String member : family) {
                PluginWrapper plugin = manager.getPlugin(member);
                if (plugin.getPluginState() == PluginState.STARTED) {
                    wasStarted.add(member);
                }
                paths.put(member, plugin.getPluginPath());
            }
            stopWithDependents(id);
            for (String member : family) {
                manager.unloadPlugin(member);
            }
            List<Path> jars = new ArrayList<>(paths.values());
            java.util.Collections.reverse(jars);
            loadJars(jars);
            for (String member : reversed(family)) {
                if (wasStarted.contains(member) && manager.getPlugin(member) != null) {
                    startWithDependencies(member, new LinkedHashSet<>());
                }
            }
            return view(id);
        });
    }

    public List<PluginView> list() {
        return locked(() -> {
            List<PluginView> views = new ArrayList<>();
            manager.getPlugins().forEach(plugin -> views.add(view(plugin.getPluginId())));
            refused.values().forEach(entry -> views.add(refusedView(entry)));
            return views;
        });
    }

    /** @return the ids of the plugins started now */
    public Set<String> started() {
        return locked(() -> {
            Set<String> ids = new LinkedHashSet<>();
            manager.getStartedPlugins().forEach(plugin -> ids.add(plugin.getPluginId()));
            return ids;
        });
    }

    /** @return the jar a plugin was loaded from (or refused from), if the host knows the plugin */
    public java.util.Optional<Path> jarOf(String id) {
        return locked(() -> {
            PluginWrapper plugin = manager.getPlugin(id);
            if (plugin != null) {
                return java.util.Optional.of(plugin.getPluginPath());
            }
            Refused failed = refused.get(id);
            return failed == null ? java.util.Optional.<Path>empty() : java.util.Optional.of(failed.path());
        });
    }

    /** @return the directory jars are loaded from, absolute */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return the ids of every loaded plugin, failed ones included */
    public Set<String> known() {
        return locked(() -> {
            Set<String> ids = new LinkedHashSet<>();
            manager.getPlugins().forEach(plugin -> ids.add(plugin.getPluginId()));
            ids.addAll(refused.keySet());
            return ids;
        });
    }

    /**
     * Brings the started set to exactly {@code target}: plugins outside it stop (dependents first), plugins
     * in it start (dependencies first). Checked before anything changes; running it twice changes nothing.
     * A plugin of the set that fails to start ends FAILED (with its reason in the answer) and the others
     * still start.
     */
    public List<PluginView> bringTo(Collection<String> target) {
        return locked(() -> {
            Set<String> wanted = checkedSet(target);
            for (String id : startedDeepestFirst()) {
                if (!wanted.contains(id)) {
                    stopOne(id);
                }
            }
            for (String id : wanted) {
                try {
                    startWithDependencies(id, new LinkedHashSet<>());
                } catch (PluginOperationException e) {
                    // One plugin failing to start must not keep the rest of the set down; it shows FAILED.
                    log.error("Plugin {} did not start: {}", id, e.getMessage());
                }
            }
            List<PluginView> views = new ArrayList<>();
            manager.getPlugins().forEach(plugin -> views.add(view(plugin.getPluginId())));
            return views;
        });
    }

    /** What {@link #bringTo} would change: plugins started, dependencies first, and stopped, dependents first. */
    public record PlannedChange(List<String> start, List<String> stop) {

        public PlannedChange {
            start = List.copyOf(start);
            stop = List.copyOf(stop);
        }
    }

    /**
     * What {@link #bringTo} would start and stop, changing nothing; refused as {@code bringTo} would refuse it.
     * A plugin that {@code bringTo} stops and starts again at once (an optional dependency outside the set) is in
     * neither list: its clients see no change.
     */
    public PlannedChange planBringTo(Collection<String> target) {
        return locked(() -> {
            Set<String> wanted = checkedSet(target);
            Set<String> runningAfter = new LinkedHashSet<>();
            for (String id : wanted) {
                wouldRun(id, runningAfter, new LinkedHashSet<>());
            }
            Set<String> startedNow = new LinkedHashSet<>();
            manager.getStartedPlugins().forEach(plugin -> startedNow.add(plugin.getPluginId()));
            List<String> start = runningAfter.stream().filter(id -> !startedNow.contains(id)).toList();
            List<String> stop = startedDeepestFirst().stream().filter(id -> !runningAfter.contains(id)).toList();
            return new PlannedChange(start, stop);
        });
    }

    /**
     * @return the namespaces a plugin serves, or served when it last ran on this node (see FeatureLifecycle); what
     *     its manifest declares is in its {@link PluginView}
     */
    public List<String> namespacesOf(String id) {
        return features.namespacesOf(id);
    }

    /**
     * @return the namespaces a plugin would serve once started: those its manifest declares (it may never have run
     *     here) and those it served when it last ran on this node (it may serve more than it declares)
     */
    public List<String> namespacesWhenStarted(String id) {
        return locked(() -> {
            Set<String> namespaces = new TreeSet<>(features.namespacesOf(id));
            PluginWrapper plugin = manager.getPlugin(id);
            if (plugin != null) {
                namespaces.addAll(MedsyncPluginDescriptor.declaredBy(plugin.getDescriptor()));
            }
            return List.copyOf(namespaces);
        });
    }

    /** Stops every plugin, dependents first, as pf4j's own stopPlugins() cannot be trusted to. */
    @Override
    public void close() {
        locked(() -> {
            for (String id : startedDeepestFirst()) {
                try {
                    stopOne(id);
                } catch (RuntimeException e) {
                    log.error("Plugin {} failed to stop", id, e);
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ internals, all under the lock

    private List<String> loadJars(List<Path> jars) {
        Map<String, String> loadedVersions = new LinkedHashMap<>();
        manager.getPlugins().forEach(plugin -> loadedVersions.put(plugin.getPluginId(),
                plugin.getDescriptor().getVersion()));
        PluginCandidates.Verdict verdict = candidates.check(jars, loadedVersions);
        List<String> ids = new ArrayList<>();
        for (Refused entry : verdict.refused()) {
            log.error("Plugin {} cannot be loaded: {}", entry.id(), entry.reason());
            refused.put(entry.id(), entry);
            ids.add(entry.id());
        }
        for (Loadable candidate : verdict.loadable()) {
            String id = candidate.descriptor().getPluginId();
            try {
                manager.loadPlugin(candidate.path());
                refused.remove(id);
                log.info("Loaded plugin {} {}", id, candidate.descriptor().getVersion());
            } catch (RuntimeException | LinkageError e) {
                log.error("Plugin {} cannot be loaded", id, e);
                refused.put(id, new Refused(candidate.path(), java.util.Optional.of(candidate.descriptor()),
                        "pf4j could not load it: " + e.getMessage()));
            }
            ids.add(id);
        }
        return ids;
    }

    /** @return the target as a set, once every plugin of it is loaded and has its dependencies in it */
    private Set<String> checkedSet(Collection<String> target) {
        Set<String> wanted = new LinkedHashSet<>(target);
        List<String> problems = order.problemsOfSet(wanted, id -> refused.containsKey(id)
                ? "'" + id + "' failed: " + refused.get(id).reason() : "'" + id + "' is not loaded");
        if (!problems.isEmpty()) {
            throw PluginOperationException.conflict(String.join("; ", problems));
        }
        return wanted;
    }

    /**
     * Follows {@link #startWithDependencies} without starting anything: whether {@code id} would run, adding it
     * after its dependencies to {@code running}. A disabled plugin, or one on a dependency cycle, would not.
     */
    private boolean wouldRun(String id, Set<String> running, Set<String> path) {
        if (running.contains(id)) {
            return true;
        }
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null || plugin.getPluginState() == PluginState.DISABLED || !path.add(id)) {
            return false;
        }
        for (PluginDependency dependency : plugin.getDescriptor().getDependencies()) {
            boolean started = !dependency.isOptional() || manager.getPlugin(dependency.getPluginId()) != null;
            if (started && !wouldRun(dependency.getPluginId(), running, path)) {
                return false;
            }
        }
        running.add(id);
        return true;
    }

    private void startWithDependencies(String id, Set<String> visiting) {
        PluginWrapper plugin = loaded(id);
        if (!visiting.add(id)) {
            throw PluginOperationException.conflict("dependency cycle through '" + id + "'");
        }
        if (plugin.getPluginState() == PluginState.DISABLED) {
            throw PluginOperationException.conflict("'" + id + "' is disabled; enable it first");
        }
        for (PluginDependency dependency : plugin.getDescriptor().getDependencies()) {
            if (!dependency.isOptional() || manager.getPlugin(dependency.getPluginId()) != null) {
                startWithDependencies(dependency.getPluginId(), visiting);
            }
        }
        if (plugin.getPluginState() == PluginState.STARTED && features.isRunning(id)) {
            return;
        }
        try {
            manager.startPlugin(id);
            features.start(plugin, manager.getExtensions(MedsyncFeature.class, id),
                    manager.getExtensionClassNames(id).size(),
                    MedsyncPluginDescriptor.declaredBy(plugin.getDescriptor()));
            log.info("Started plugin {}", id);
        } catch (Exception | LinkageError e) {
            log.error("Plugin {} failed to start", id, e);
            if (plugin.getPluginState() == PluginState.STARTED) {
                manager.stopOnly(id);
            }
            manager.markFailed(id, e);
            throw PluginOperationException.conflict("'" + id + "' failed to start: " + describe(e));
        }
    }

    private void stopWithDependents(String id) {
        for (String dependent : startedDeepestFirst()) {
            if (order.dependsOn(dependent, id)) {
                stopOne(dependent);
            }
        }
        stopOne(id);
    }

    private void stopOne(String id) {
        features.stop(id);
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin != null && plugin.getPluginState() == PluginState.STARTED) {
            manager.stopOnly(id);
            log.info("Stopped plugin {}", id);
        }
    }

    /** Started plugins ordered so that every plugin comes before the ones it depends on. */
    private List<String> startedDeepestFirst() {
        List<String> started = new ArrayList<>();
        manager.getStartedPlugins().forEach(plugin -> started.add(plugin.getPluginId()));
        return order.deepestFirst(started);
    }

    /** @return loaded plugins that depend on {@code id}, directly or not, deepest first */
    private List<String> loadedDependents(String id) {
        List<String> loaded = new ArrayList<>();
        manager.getPlugins().forEach(plugin -> loaded.add(plugin.getPluginId()));
        return order.dependentsOf(id, loaded);
    }

    private List<?> startedExtensions(Class<?> type) {
        // Called by running features, possibly from other threads: pf4j reads are guarded like the rest.
        return locked(() -> {
            List<Object> found = new ArrayList<>();
            for (PluginWrapper plugin : manager.getStartedPlugins()) {
                found.addAll(manager.getExtensions(type, plugin.getPluginId()));
            }
            return found;
        });
    }

    private PluginWrapper loaded(String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin != null) {
            return plugin;
        }
        if (refused.containsKey(id)) {
            throw PluginOperationException.conflict("'" + id + "' failed to load: " + refused.get(id).reason());
        }
        throw PluginOperationException.notFound("no plugin '" + id + "'");
    }

    private PluginView view(String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null) {
            Refused entry = refused.get(id);
            if (entry == null) {
                throw PluginOperationException.notFound("no plugin '" + id + "'");
            }
            return refusedView(entry);
        }
        Throwable failure = plugin.getFailedException();
        return new PluginView(id, plugin.getDescriptor().getVersion(), plugin.getPluginState().name(),
                plugin.getDescriptor().getPluginDescription(), features.provides(id),
                MedsyncPluginDescriptor.declaredBy(plugin.getDescriptor()),
                plugin.getPluginState() == PluginState.FAILED && failure != null ? describe(failure) : null);
    }

    private static PluginView refusedView(Refused entry) {
        return new PluginView(entry.id(), version(entry), PluginState.FAILED.name(),
                entry.descriptor().map(d -> d.getPluginDescription()).orElse(""), List.of(),
                entry.descriptor().map(MedsyncPluginDescriptor::declaredBy).orElse(List.of()), entry.reason());
    }

    private static String version(Refused entry) {
        return entry.descriptor().map(d -> d.getVersion()).orElse("");
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.toAbsolutePath(), e);
        }
    }
}
