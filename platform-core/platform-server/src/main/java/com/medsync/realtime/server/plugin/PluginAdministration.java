package com.medsync.realtime.server.plugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What operators do with plugins: the host's operations plus migration phases, with the outcome of each
 * change saved so that a restart comes back to the same plugin set.
 */
public final class PluginAdministration {

    private static final Logger log = LoggerFactory.getLogger(PluginAdministration.class);

    private final PluginHost host;
    private final PhaseCatalog phases;
    private final HostState state;
    private volatile Optional<String> currentPhase = Optional.empty();

    PluginAdministration(PluginHost host, PhaseCatalog phases, HostState state) {
        this.host = host;
        this.phases = phases;
        this.state = state;
    }

    /**
     * Loads every plugin, then brings the plugin set to: the phase given at start (MEDSYNC_PHASE), else the
     * saved state, else every loaded plugin (a fresh installation runs everything it has).
     */
    void startUp(Optional<String> phaseAtStart) {
        host.loadAll();
        if (phaseAtStart.isPresent()) {
            Phase phase = phases.find(phaseAtStart.get()).orElseThrow(() -> new IllegalStateException(
                    "MEDSYNC_PHASE names no phase of medsync.phases: " + phaseAtStart.get()));
            applyAtStartUp(() -> apply(phase.name()));
            return;
        }
        Optional<HostState.Saved> saved = state.read();
        if (saved.isPresent()) {
            currentPhase = saved.get().phase();
            applyAtStartUp(() -> host.bringTo(saved.get().started()));
        } else {
            applyAtStartUp(() -> host.bringTo(host.list().stream()
                    .filter(plugin -> !"FAILED".equals(plugin.state()) && !"DISABLED".equals(plugin.state()))
                    .map(PluginView::id).toList()));
        }
        save();
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
        return saved(() -> {
            List<PluginView> result = host.bringTo(phase.plugins());
            currentPhase = Optional.of(phase.name());
            return result;
        });
    }

    /** Stops every plugin, dependents first. */
    public void shutdown() {
        host.close();
    }

    private <T> T saved(Supplier<T> change) {
        try {
            return change.get();
        } finally {
            save();
        }
    }

    private void save() {
        state.write(currentPhase, host.started());
    }
}
