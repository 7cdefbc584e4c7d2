package com.medsync.realtime.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.server.plugin.admin.PhasePlan;
import com.medsync.realtime.server.plugin.admin.PluginAdministration;
import com.medsync.realtime.server.plugin.host.PluginOperationException;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /admin/phases/{name}/plan}: what applying a phase would do, changing nothing (so not audited). The
 * clients it would disconnect are this node's sockets on the namespaces that would vanish; in a cluster, each
 * live node's count from the figures it last published (at most a few seconds old), since every node follows
 * the phase.
 */
final class PhasePlanEndpoint {

    private final PluginAdministration plugins;
    private final NamespaceRegistry namespaces;
    private final Optional<Supplier<List<JsonNode>>> clusterNodes;

    /** @param clusterNodes in a cluster, every live node's published figures ({@code /admin/stats} cluster.nodes) */
    PhasePlanEndpoint(PluginAdministration plugins, NamespaceRegistry namespaces,
            Optional<Supplier<List<JsonNode>>> clusterNodes) {
        this.plugins = plugins;
        this.namespaces = namespaces;
        this.clusterNodes = clusterNodes;
    }

    HttpResponse plan(HttpRequest request) {
        String name = request.pathParam("name").orElseThrow();
        PhasePlan plan;
        try {
            plan = plugins.plan(name);
        } catch (PluginOperationException e) {
            throw AdminEndpoints.problem(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phase", plan.phase());
        body.put("current", plan.current().orElse(null));
        body.put("start", plan.start());
        body.put("stop", plan.stop());
        body.put("namespacesAppear", plan.namespacesAppear());
        body.put("namespacesVanish", plan.namespacesVanish());
        body.put("clientsDisconnected", plan.namespacesVanish().stream()
                .mapToInt(namespace -> namespaces.find(namespace).map(ServedNamespace::socketCount).orElse(0)).sum());
        clusterNodes.ifPresent(nodes -> cluster(nodes, plan.namespacesVanish(), body));
        return HttpResponse.json(200, body);
    }

    private static void cluster(Supplier<List<JsonNode>> nodes, List<String> vanishing, Map<String, Object> body) {
        List<Map<String, Object>> counts = new ArrayList<>();
        try {
            for (JsonNode node : nodes.get()) {
                int clients = 0;
                for (String namespace : vanishing) {
                    clients += node.path("namespaces").path(namespace).path("connections").asInt(0);
                }
                Map<String, Object> count = new LinkedHashMap<>();
                count.put("node", node.path("node").asText());
                count.put("clientsDisconnected", clients);
                counts.add(count);
            }
        } catch (StoreUnavailableException e) {
            throw new HttpProblem(503, "UNAVAILABLE", "the cluster's figures cannot be read now: " + e.getMessage());
        }
        body.put("cluster", counts);
    }
}
