package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code phase plan}'s answer for a person: what applying the phase would start, stop, open and close, and how
 * many clients it would disconnect, on this node and, in a cluster, on each node.
 */
final class PhasePlanText {

    private PhasePlanText() {
    }

    static String render(JsonNode plan) {
        String phase = Table.clean(plan.path("phase").asText(""));
        String current = plan.path("current").isTextual() ? Table.clean(plan.path("current").asText()) : "none";
        StringBuilder text = new StringBuilder()
                .append("Phase ").append(phase).append(" (current: ").append(current).append(") would:\n")
                .append(line("start plugins", plan.path("start")))
                .append(line("stop plugins", plan.path("stop")))
                .append(line("open namespaces", plan.path("namespacesAppear")))
                .append(line("close namespaces", plan.path("namespacesVanish")))
                .append(String.format("  %-20s %s on this node%n", "disconnect clients",
                        plan.path("clientsDisconnected").asText("?")));
        JsonNode cluster = plan.path("cluster");
        if (cluster.isArray() && !cluster.isEmpty()) {
            Table nodes = Table.of("NODE", "CLIENTS DISCONNECTED").alignRight(1);
            cluster.forEach(node -> nodes.row(node.path("node").asText(""),
                    node.path("clientsDisconnected").asText(null)));
            text.append('\n').append(nodes.render());
        }
        return text.append("\nNothing was changed; `medsync-admin phase apply ").append(phase)
                .append("` applies it.\n").toString();
    }

    private static String line(String label, JsonNode values) {
        List<String> items = new ArrayList<>();
        values.forEach(value -> items.add(Table.clean(value.asText())));
        return String.format("  %-20s %s%n", label, items.isEmpty() ? "-" : String.join(", ", items));
    }
}
