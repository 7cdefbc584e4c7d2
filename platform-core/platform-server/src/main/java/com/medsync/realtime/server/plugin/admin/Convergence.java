package com.medsync.realtime.server.plugin.admin;

import java.util.List;

/**
 * How far the cluster followed a plugin set one node wrote (a phase applied): complete when every live node
 * reached it.
 *
 * @param complete whether every node reached it
 * @param nodes    each node's outcome; empty on a single node
 */
public record Convergence(boolean complete, List<NodeOutcome> nodes) {

    /** A node's outcome: {@code REACHED}, {@code FAILED} (with why) or {@code PENDING} (not there yet). */
    public record NodeOutcome(String node, String state, String problem) {

        public static final String REACHED = "REACHED";
        public static final String FAILED = "FAILED";
        public static final String PENDING = "PENDING";
    }

    public Convergence {
        nodes = List.copyOf(nodes);
    }

    /** A single node: there is nobody else to reach. */
    public static Convergence alone() {
        return new Convergence(true, List.of());
    }
}
