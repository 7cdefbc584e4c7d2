package com.medsync.realtime.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.http.HttpHandler;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.console.AuditHistory;
import com.medsync.realtime.server.console.ClusterDisconnect;
import com.medsync.realtime.server.console.ConnectionQuery;
import com.medsync.realtime.server.console.EventTail;
import com.medsync.realtime.server.console.RoomQuery;
import com.medsync.realtime.server.console.SocketDisconnects;
import com.medsync.realtime.server.plugin.admin.PluginAdministration;
import com.medsync.realtime.server.socket.NamespaceRegistry;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The admin calls an operator console needs beside the plugin and phase ones: a phase's plan, this node's
 * connections and rooms, disconnects, and the audit and event tails. {@link AdminEndpoints} routes them behind
 * its own authorization, so they never check credentials themselves.
 */
public final class ConsoleEndpoints {

    private final PhasePlanEndpoint plan;
    private final ConnectionsEndpoint connections;
    private final RoomsEndpoint rooms;
    private final RecentActivityEndpoints recent;

    /** What a node has for the console; {@code cluster} and {@code clusterNodes} are empty on a single node. */
    public record Sources(PluginAdministration plugins, NamespaceRegistry namespaces, SocketDisconnects disconnects,
            AuditHistory audit, EventTail events, String node, Optional<ClusterDisconnect> cluster,
            Optional<Supplier<List<JsonNode>>> clusterNodes) {
    }

    public ConsoleEndpoints(Sources sources) {
        this.plan = new PhasePlanEndpoint(sources.plugins(), sources.namespaces(), sources.clusterNodes());
        this.connections = new ConnectionsEndpoint(new ConnectionQuery(sources.namespaces()), sources.disconnects(),
                sources.cluster(), sources.node());
        this.rooms = new RoomsEndpoint(new RoomQuery(sources.namespaces()));
        this.recent = new RecentActivityEndpoints(sources.audit(), sources.events());
    }

    /**
     * @param authorized wraps a handler in the admin API's authorization
     * @param audit      where disconnects are recorded, with the caller
     */
    void routeOn(Router router, UnaryOperator<HttpHandler> authorized, AuditLog audit) {
        router.route("POST", "/admin/phases/{name}/plan", authorized.apply(plan::plan))
                .route("GET", "/admin/connections", authorized.apply(connections::list))
                .route("POST", "/admin/connections/{socketId}/disconnect",
                        authorized.apply(request -> connections.disconnectSocket(request, audit)))
                .route("POST", "/admin/users/{userId}/disconnect",
                        authorized.apply(request -> connections.disconnectUser(request, audit)))
                .route("GET", "/admin/rooms", authorized.apply(rooms::list))
                .route("GET", "/admin/audit", authorized.apply(recent::audit))
                .route("GET", "/admin/events", authorized.apply(recent::events));
    }
}
