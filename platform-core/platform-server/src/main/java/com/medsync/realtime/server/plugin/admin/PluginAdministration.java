package com.medsync.realtime.server.plugin.admin;

import com.medsync.realtime.server.plugin.admin.SharedPluginSet.Snapshot;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import com.medsync.realtime.server.plugin.host.PluginHost;
import com.medsync.realtime.server.plugin.host.PluginView;
import com.medsync.realtime.server.plugin.host.PluginOperationException;

/**
 * What operators do with plugins: the host's operations plus migration phases, with the outcome of each
 * change saved so that a restart comes back to the same plugin set. In a cluster, each change is also written
 * to the {@link SharedPluginSet}, and a change written there by another node is {@linkplain #adopt adopted};
 * a jar loaded here is shared through {@link SharedJars} and the other nodes' jars are {@linkplain #syncJars
 * taken}.
 */
public final class PluginAdministration {

    private static final Logger log = LoggerFactory.getLogger(PluginAdministration.class);

    private final PluginHost host;
    private final PhaseCatalog phases;
    private final HostState state;
    private final SharedPluginSet shared;
    private final PluginSharing sharing;
    private final ClusterJarSync jars;
    private volatile Optional<String> currentPhase = Optional.empty();

    /** A phase applied: this node's plugins, and how far the cluster followed. */
    public record PhaseApplied(Optional<String> current, List<PluginView> plugins, Convergence cluster) {
    }

    PluginAdministration(PluginHost host, PhaseCatalog phases, HostState state, PluginSharing sharing) {
        this.host = host;
        this.phases = phases;
        this.state = state;
        this.shared = sharing.set();
        this.sharing = sharing;
        this.jars = new ClusterJarSync(NodeJars.of(host), sharing.jars(), sharing.maxJarBytes(), sharing.node(),
                Clock.systemUTC());
    }

    /**
     * Loads every plugin, then brings the plugin set to: the phase given at start (MEDSYNC_PHASE, which
     * becomes the cluster's), else the cluster's set, else the saved state, else every loaded plugin (a
     * fresh installation runs everything it has).
     */
    synchronized void startUp(Optional<String> phaseAtStart) {
        host.loadAll();
        takeClusterJarsAtStart();
        if (phaseAtStart.isPresent()) {
            Phase phase = phases.find(phaseAtStart.get()).orElseThrow(() -> new IllegalStateException(
                    "MEDSYNC_PHASE names no phase of medsync.phases: " + phaseAtStart.get()));
            applyAtStartUp(() -> bringToPhase(phase));
            save(new Snapshot(Optional.of(phase.name()), List.copyOf(phase.plugins())));
            return;
        }
        Optional<Snapshot> cluster = clusterSet();
        if (cluster.isPresent()) {
            log.info("Adopting the cluster's plugin set: phase {}, started {}",
                    cluster.get().phase().orElse("(none)"), cluster.get().started());
            currentPhase = cluster.get().phase();
            applyAtStartUp(() -> host.bringTo(cluster.get().started()));
            saveLocally();
            return;
        }
        Optional<HostState.Saved> saved = state.read();
        List<String> intended;
        if (saved.isPresent()) {
            currentPhase = saved.get().phase();
            intended = saved.get().started();
        } else {
            intended = host.list().stream()
                    .filter(plugin -> !"FAILED".equals(plugin.state()) && !"DISABLED".equals(plugin.state()))
                    .map(PluginView::id).toList();
        }
        applyAtStartUp(() -> host.bringTo(intended));
        // The cluster gets the set this node meant to run: one node's local failure must not shrink it.
        save(new Snapshot(currentPhase, intended));
    }

    /** The cluster's jars before its plugin set, so that a node joining later can start what the others run. */
    private void takeClusterJarsAtStart() {
        try {
            jars.sync();
        } catch (StoreUnavailableException e) {
            log.warn("Starting with the local plugin jars; the cluster's cannot be read now: {}", e.getMessage());
        }
    }

    private Optional<Snapshot> clusterSet() {
        try {
            return shared.read();
        } catch (StoreUnavailableException e) {
            log.warn("Starting from the local plugin state; the cluster's cannot be read now: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Brings this node to a plugin set another node wrote; nothing happens when it runs that set already.
     * Saved locally only: writing it back would echo it to the cluster.
     *
     * @return why this node does not run the set, or empty when it does
     */
    public synchronized Optional<String> adopt(Snapshot snapshot) {
        if (snapshot.phase().equals(currentPhase) && Set.copyOf(snapshot.started()).equals(host.started())) {
            return Optional.empty();
        }
        log.info("Adopting the cluster's plugin set: phase {}, started {}", snapshot.phase().orElse("(none)"),
                snapshot.started());
        Optional<String> refused = Optional.empty();
        try {
            host.bringTo(snapshot.started());
        } catch (PluginOperationException e) {
            refused = Optional.of(e.getMessage());
        }
        currentPhase = snapshot.phase();
        saveLocally();
        Optional<String> problem = refused.isPresent() ? refused.map(reason -> reason + unstarted(snapshot.started())
                .map(detail -> "; " + detail).orElse("")) : unstarted(snapshot.started());
        problem.ifPresent(reason -> log.error("This node cannot run the cluster's plugin set: {}", reason));
        return problem;
    }

    /**
     * Brings this node's jars to the cluster's (see {@link ClusterJarSync}).
     *
     * @return whether this node's plugins changed, so that the cluster's plugin set must be adopted again
     */
    public synchronized boolean syncJars() {
        return jars.sync();
    }

    /** @return which of {@code wanted} are not started here and why, or empty when all are */
    private Optional<String> unstarted(Collection<String> wanted) {
        Set<String> started = host.started();
        Map<String, ClusterJarSync.JarFailure> jarFailures = jars.failures();
        Map<String, PluginView> views = new LinkedHashMap<>();
        host.list().forEach(view -> views.put(view.id(), view));
        List<String> reasons = new ArrayList<>();
        for (String id : wanted) {
            if (started.contains(id)) {
                continue;
            }
            if (jarFailures.containsKey(id)) {
                reasons.add("'" + id + "' cannot be loaded: " + jarFailures.get(id).reason());
            } else if (views.containsKey(id)) {
                PluginView view = views.get(id);
                reasons.add("'" + id + "' is " + view.state() + (view.failure() == null ? "" : ": " + view.failure()));
            } else {
                reasons.add("'" + id + "' is not loaded");
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of("not started: " + String.join("; ", reasons));
    }

    /** @return this node's plugin set */
    public Snapshot snapshot() {
        return new Snapshot(currentPhase, List.copyOf(host.started()));
    }

    /** A plugin that cannot start must not keep the server from starting: it stays FAILED and says why. */
    private void applyAtStartUp(Supplier<?> change) {
        try {
            change.get();
        } catch (PluginOperationException e) {
            log.error("Plugins could not all be started: {}", e.getMessage());
        }
    }

    public List<PluginView> plugins() {
        return host.list();
    }

    public PluginView start(String id) {
        return saved(() -> host.start(id));
    }

    public PluginView stop(String id) {
        return saved(() -> host.stop(id));
    }

    public PluginView enable(String id) {
        return saved(() -> host.enable(id));
    }

    public PluginView disable(String id) {
        return saved(() -> host.disable(id));
    }

    /** Reloads a plugin from its jar as it is now; in a cluster, a changed jar is shared with every node. */
    public PluginView reload(String id) {
        return saved(() -> {
            PluginView reloaded = host.reload(id);
            jars.share(reloaded);
            return reloaded;
        });
    }

    /** Unloads a plugin; in a cluster, the jar loaded through the admin API is unloaded by every node. */
    public PluginView unload(String id) {
        return saved(() -> {
            PluginView unloaded = host.unload(id);
            jars.withdraw(id);
            return unloaded;
        });
    }

    /** Loads a jar of the plugins directory; in a cluster, it is shared with its checksum and every node loads it. */
    public PluginView load(String fileName) {
        return saved(() -> {
            jars.checkShareable(fileName);
            PluginView loaded = host.load(fileName);
            jars.share(loaded);
            return loaded;
        });
    }

    /** @return the ids of the plugins started now */
    public Set<String> startedIds() {
        return host.started();
    }

    /**
     * This node's plugins as a cluster node reports them: the started ones, the phase, and each plugin's state
     * with the checksum of its cluster jar; a cluster jar this node could not take shows FAILED with why.
     */
    public Map<String, Object> figures() {
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        for (PluginView view : host.list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", view.id());
            entry.put("version", view.version());
            entry.put("state", view.state());
            entry.put("failure", view.failure());
            entry.put("sha256", jars.checksum(view.id()).orElse(null));
            states.put(view.id(), entry);
        }
        jars.failures().forEach((id, failure) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("version", failure.manifest().version());
            entry.put("state", "FAILED");
            entry.put("failure", failure.reason());
            entry.put("sha256", failure.manifest().sha256());
            states.put(id, entry);
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("started", List.copyOf(host.started()));
        figures.put("phase", currentPhase.orElse(null));
        figures.put("states", List.copyOf(states.values()));
        return figures;
    }

    public List<Phase> phases() {
        return List.copyOf(phases.all());
    }

    public Optional<String> currentPhase() {
        return currentPhase;
    }

    /**
     * Brings the plugins to a phase's set; applying the current phase again changes nothing. In a cluster,
     * then waits (at most {@code medsync.plugins.cluster-apply-timeout}) until every live node reached it too.
     */
    public PhaseApplied apply(String phaseName) {
        Phase phase = phases.find(phaseName)
                .orElseThrow(() -> PluginOperationException.notFound("no phase '" + phaseName + "'"));
        Shared<List<PluginView>> applied = savedAndShared(() -> bringToPhase(phase));
        // Waited for outside the lock: the other nodes' progress needs nothing of this node's plugins.
        Convergence cluster = applied.revision()
                .map(revision -> shared.awaitEveryNode(revision, unstarted(phase.plugins()), sharing.applyTimeout()))
                .orElseGet(() -> new Convergence(false, List.of(new Convergence.NodeOutcome(sharing.node(),
                        Convergence.NodeOutcome.FAILED, "the cluster could not be told of this phase"))));
        return new PhaseApplied(currentPhase, applied.value(), cluster);
    }

    /**
     * What {@link #apply} would do on this node, changing nothing: refused as {@code apply} would be (404 unknown
     * phase, 409 a set that cannot run).
     */
    public PhasePlan plan(String phaseName) {
        Phase phase = phases.find(phaseName)
                .orElseThrow(() -> PluginOperationException.notFound("no phase '" + phaseName + "'"));
        PluginHost.PlannedChange change = host.planBringTo(phase.plugins());
        Set<String> appear = new TreeSet<>();
        change.start().forEach(id -> appear.addAll(host.namespacesWhenStarted(id)));
        Set<String> vanish = new TreeSet<>();
        change.stop().forEach(id -> vanish.addAll(host.namespacesOf(id)));
        return new PhasePlan(phase.name(), currentPhase, change.start(), change.stop(), List.copyOf(appear),
                List.copyOf(vanish));
    }

    private List<PluginView> bringToPhase(Phase phase) {
        List<PluginView> result = host.bringTo(phase.plugins());
        currentPhase = Optional.of(phase.name());
        return result;
    }

    /** Stops every plugin, dependents first. */
    public void shutdown() {
        host.close();
    }

    /** A change's outcome and the revision of the plugin set it wrote, empty when it could not be written. */
    private record Shared<T>(T value, Optional<String> revision) {
    }

    private <T> T saved(Supplier<T> change) {
        return savedAndShared(change).value();
    }

    /**
     * Makes a change, saves its outcome and shares it with the cluster. Refused before anything changes when
     * the cluster cannot be told, so that nodes do not drift apart.
     */
    private synchronized <T> Shared<T> savedAndShared(Supplier<T> change) {
        shared.problem().ifPresent(problem -> {
            throw PluginOperationException.conflict("the cluster cannot be told of this change now: " + problem);
        });
        T value;
        try {
            value = change.get();
        } catch (RuntimeException e) {
            save(snapshot());
            throw e;
        }
        return new Shared<>(value, save(snapshot()));
    }

    private Optional<String> save(Snapshot forTheCluster) {
        saveLocally();
        try {
            return Optional.of(shared.write(forTheCluster));
        } catch (StoreUnavailableException e) {
            log.error("The plugin set changed on this node but could not be shared with the cluster: {}",
                    e.getMessage());
            return Optional.empty();
        }
    }

    private void saveLocally() {
        state.write(currentPhase, host.started());
    }
}
