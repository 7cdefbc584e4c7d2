package com.medsync.realtime.server.plugin.admin;

import com.medsync.realtime.server.plugin.admin.SharedPluginSet.Snapshot;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import com.medsync.realtime.server.plugin.host.PluginHost;
import com.medsync.realtime.server.plugin.host.PluginView;
import com.medsync.realtime.server.plugin.host.PluginOperationException;

/**
 * What operators do with plugins: the host's operations plus migration phases, with the outcome of each
 * change saved so that a restart comes back to the same plugin set. In a cluster, each change is also written
 * to the {@link SharedPluginSet}, and a change written there by another node is {@linkplain #adopt adopted}.
 */
public final class PluginAdministration {

    private static final Logger log = LoggerFactory.getLogger(PluginAdministration.class);

    private final PluginHost host;
    private final PhaseCatalog phases;
    private final HostState state;
    private final SharedPluginSet shared;
    private volatile Optional<String> currentPhase = Optional.empty();

    PluginAdministration(PluginHost host, PhaseCatalog phases, HostState state, SharedPluginSet shared) {
        this.host = host;
        this.phases = phases;
        this.state = state;
        this.shared = shared;
    }

    /**
     * Loads every plugin, then brings the plugin set to: the phase given at start (MEDSYNC_PHASE, which
     * becomes the cluster's), else the cluster's set, else the saved state, else every loaded plugin (a
     * fresh installation runs everything it has).
     */
    synchronized void startUp(Optional<String> phaseAtStart) {
        host.loadAll();
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
     */
    public synchronized void adopt(Snapshot snapshot) {
        if (snapshot.phase().equals(currentPhase) && java.util.Set.copyOf(snapshot.started()).equals(host.started())) {
            return;
        }
        log.info("Adopting the cluster's plugin set: phase {}, started {}", snapshot.phase().orElse("(none)"),
                snapshot.started());
        try {
            host.bringTo(snapshot.started());
        } catch (PluginOperationException e) {
            log.error("This node cannot run the cluster's plugin set: {}", e.getMessage());
        }
        currentPhase = snapshot.phase();
        saveLocally();
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

    public PluginView reload(String id) {
        return saved(() -> host.reload(id));
    }

    public PluginView unload(String id) {
        return saved(() -> host.unload(id));
    }

    public PluginView load(String fileName) {
        return saved(() -> host.load(fileName));
    }

    /** @return the ids of the plugins started now */
    public java.util.Set<String> startedIds() {
        return host.started();
    }

    public List<Phase> phases() {
        return List.copyOf(phases.all());
    }

    public Optional<String> currentPhase() {
        return currentPhase;
    }

    /** Brings the plugins to a phase's set; applying the current phase again changes nothing. */
    public List<PluginView> apply(String phaseName) {
        Phase phase = phases.find(phaseName)
                .orElseThrow(() -> PluginOperationException.notFound("no phase '" + phaseName + "'"));
        return saved(() -> bringToPhase(phase));
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

    /**
     * Makes a change, saves its outcome and shares it with the cluster. Refused before anything changes when
     * the cluster cannot be told, so that nodes do not drift apart.
     */
    private synchronized <T> T saved(Supplier<T> change) {
        shared.problem().ifPresent(problem -> {
            throw PluginOperationException.conflict("the cluster cannot be told of this change now: " + problem);
        });
        try {
            return change.get();
        } finally {
            save();
        }
    }

    private void save() {
        save(snapshot());
    }

    private void save(Snapshot forTheCluster) {
        saveLocally();
        try {
            shared.write(forTheCluster);
        } catch (StoreUnavailableException e) {
            log.error("The plugin set changed on this node but could not be shared with the cluster: {}",
                    e.getMessage());
        }
    }

    private void saveLocally() {
        state.write(currentPhase, host.started());
    }
}
