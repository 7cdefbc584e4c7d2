package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.plugin.admin.Convergence;
import com.medsync.realtime.server.plugin.admin.Convergence.NodeOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the nodes' reports for how far the cluster followed a plugin-set revision: a node that reports the
 * revision reached it or failed to (and says why); any other node is still pending. The node that wrote the
 * revision answers for itself.
 */
final class PluginSetConvergence {

    /** The member of a node's figures where it reports the revision it adopted last. */
    static final String REPORT = "pluginSet";

    private PluginSetConvergence() {
    }

    static Convergence of(String revision, String self, Optional<String> selfProblem, List<JsonNode> reports) {
        List<NodeOutcome> nodes = new ArrayList<>();
        nodes.add(own(self, selfProblem));
        for (JsonNode report : reports) {
            String node = report.path("node").asText();
            if (node.equals(self)) {
                continue;
            }
            JsonNode adopted = report.path(REPORT);
            if (!revision.equals(adopted.path("revision").asText(null))) {
                nodes.add(new NodeOutcome(node, NodeOutcome.PENDING, "has not adopted this plugin set yet"));
            } else if (adopted.path("reached").asBoolean(false)) {
                nodes.add(new NodeOutcome(node, NodeOutcome.REACHED, null));
            } else {
                nodes.add(new NodeOutcome(node, NodeOutcome.FAILED, adopted.path("problem").asText("no reason given")));
            }
        }
        boolean complete = nodes.stream().allMatch(outcome -> NodeOutcome.REACHED.equals(outcome.state()));
        return new Convergence(complete, nodes);
    }

    /** The outcome when the other nodes' reports cannot be read: only this node's own is known. */
    static Convergence unreadable(String self, Optional<String> selfProblem, String why) {
        return new Convergence(false, List.of(own(self, selfProblem),
                new NodeOutcome("(other nodes)", NodeOutcome.PENDING, "their reports cannot be read: " + why)));
    }

    private static NodeOutcome own(String self, Optional<String> problem) {
        return problem.map(reason -> new NodeOutcome(self, NodeOutcome.FAILED, reason))
                .orElseGet(() -> new NodeOutcome(self, NodeOutcome.REACHED, null));
    }
}
