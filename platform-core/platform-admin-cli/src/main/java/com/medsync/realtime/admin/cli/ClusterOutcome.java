package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster} member of a phase applied: each node's outcome, and which nodes did not reach the phase.
 * An answer without it (a single node, or a server from before clusters shared phases) has nobody else to
 * wait for.
 */
final class ClusterOutcome {

    private final JsonNode cluster;

    ClusterOutcome(JsonNode cluster) {
        this.cluster = cluster;
    }

    /** @return the table of the nodes, or nothing for a single node */
    String render() {
        JsonNode nodes = cluster.path("nodes");
        if (!nodes.isArray() || nodes.isEmpty()) {
            return "";
        }
        Table table = Table.of("NODE", "STATE", "PROBLEM");
        for (JsonNode node : nodes) {
            table.row(node.path("node").asText(""), node.path("state").asText(""),
                    node.path("problem").isTextual() ? node.path("problem").asText() : null);
        }
        return "\n" + table.render();
    }

    /** @return one line per node that did not reach the phase, when the cluster says it is not complete */
    List<String> notReached(String phase) {
        List<String> lines = new ArrayList<>();
        if (cluster.path("complete").asBoolean(true)) {
            return lines;
        }
        for (JsonNode node : cluster.path("nodes")) {
            String state = node.path("state").asText("");
            if (!"REACHED".equals(state)) {
                lines.add("node " + Table.clean(node.path("node").asText("?")) + " did not reach phase " + phase
                        + " (" + state + "): " + Table.clean(node.path("problem").asText("no reason given")));
            }
        }
        if (lines.isEmpty()) {
            lines.add("the cluster did not all reach phase " + phase);
        }
        return lines;
    }
}
