package com.medsync.realtime.server.plugin.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a cluster keeps the plugin set every node runs (the current phase and the started plugins), so that
 * a change made through one node's admin API reaches the others and a node starting later adopts it. A
 * single node shares with nobody ({@link #NONE}).
 */
public interface SharedPluginSet {

    /** The plugin set: the current phase, if any, and the plugins started. */
    record Snapshot(Optional<String> phase, List<String> started) {

        public Snapshot {
            started = List.copyOf(started);
        }
    }

    /**
     * @return the cluster's plugin set, empty when none was written yet
     * @throws com.medsync.realtime.spi.store.StoreUnavailableException when it cannot be read now
     */
    Optional<Snapshot> read();

    /**
     * Makes {@code snapshot} the cluster's plugin set; the other nodes adopt it.
     *
     * @return the revision written, which every node reports once it adopted it
     * @throws com.medsync.realtime.spi.store.StoreUnavailableException when it cannot be written now
     */
    String write(Snapshot snapshot);

    /**
     * Waits, at most {@code timeout}, until every other live node reports having adopted {@code revision}
     * (reached it, or failed to and why).
     *
     * @param localProblem why this node itself does not run the set it wrote, or empty when it does
     */
    Convergence awaitEveryNode(String revision, Optional<String> localProblem, Duration timeout);

    /** @return why the cluster's plugin set cannot be changed now, or empty when it can */
    Optional<String> problem();

    SharedPluginSet NONE = new SharedPluginSet() {
        @Override
        public Optional<Snapshot> read() {
            return Optional.empty();
        }

        @Override
        public String write(Snapshot snapshot) {
            return "";
        }

        @Override
        public Convergence awaitEveryNode(String revision, Optional<String> localProblem, Duration timeout) {
            return Convergence.alone();
        }

        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }
    };
}
