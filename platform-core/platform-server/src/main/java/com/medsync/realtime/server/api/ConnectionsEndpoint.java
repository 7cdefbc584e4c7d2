package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.server.console.ClusterDisconnect;
import com.medsync.realtime.server.console.ConnectionFilter;
import com.medsync.realtime.server.console.ConnectionQuery;
import com.medsync.realtime.server.console.Page;
import com.medsync.realtime.server.console.SocketDisconnects;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This node's sockets for the operator console: {@code GET /admin/connections} (paged, filtered), and sending
 * sockets away: {@code POST /admin/connections/{socketId}/disconnect} on this node,
 * {@code POST /admin/users/{userId}/disconnect} on every node of a cluster. Disconnects are audited.
 */
final class ConnectionsEndpoint {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final ConnectionQuery connections;
    private final SocketDisconnects disconnects;
    private final Optional<ClusterDisconnect> cluster;
    private final String node;

    /**
     * @param cluster how the other nodes of a cluster are asked to disconnect a user; empty for a single node
     * @param node    this node's id, as each connection names it
     */
    ConnectionsEndpoint(ConnectionQuery connections, SocketDisconnects disconnects, Optional<ClusterDisconnect> cluster,
            String node) {
        this.connections = connections;
        this.disconnects = disconnects;
        this.cluster = cluster;
        this.node = node;
    }

    HttpResponse list(HttpRequest request) {
        ConnectionFilter filter = new ConnectionFilter(
                QueryParameters.checked(request, "namespace", name -> name.startsWith("/"), "a namespace such as"
                        + " /patient-pharmacy"),
                QueryParameters.checked(request, "user", Room::isValidId, "a user id ([A-Za-z0-9_-]{1,128})"),
                QueryParameters.checked(request, "room", name -> Room.parse(name).isPresent(),
                        "a room such as pharmacy:ph_1").flatMap(Room::parse),
                QueryParameters.checked(request, "transport", name -> name.equals("websocket")
                        || name.equals("polling"), "websocket or polling"));
        Optional<String> after = QueryParameters.text(request, "after");
        int limit = QueryParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT);
        Page<SocketSession> page = connections.page(filter, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connections", page.items().stream().map(this::describe).toList());
        body.put("next", page.next().orElse(null));
        return HttpResponse.json(200, body);
    }

    private Map<String, Object> describe(SocketSession socket) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("id", socket.id());
        connection.put("namespace", socket.namespace());
        connection.put("userId", socket.principal().userId());
        connection.put("role", socket.principal().role().wireName());
        connection.put("transport", socket.transport());
        connection.put("rooms", socket.rooms().stream().map(Room::name).sorted().toList());
        connection.put("connectedAt", socket.connectedAt().toString());
        connection.put("node", node);
        return connection;
    }

    HttpResponse disconnectSocket(HttpRequest request, AuditLog audit) {
        String id = request.pathParam("socketId").orElseThrow();
        if (!disconnects.socket(id)) {
            audit.record(request, "disconnect-socket", id, "refused: no such socket on this node");
            throw HttpProblem.notFound("no socket '" + id + "' on this node");
        }
        audit.record(request, "disconnect-socket", id, "ok");
        return HttpResponse.json(200, Map.of("disconnected", 1));
    }

    HttpResponse disconnectUser(HttpRequest request, AuditLog audit) {
        String userId = request.pathParam("userId").orElseThrow();
        if (!Room.isValidId(userId)) {
            throw HttpProblem.badRequest("a user id matches [A-Za-z0-9_-]{1,128}");
        }
        int here = disconnects.user(userId);
        Optional<Map<String, Object>> clusterWide = cluster.map(others -> clusterWide(others.disconnectUser(userId),
                here));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("disconnected", here);
        clusterWide.ifPresent(counts -> body.put("cluster", counts));
        audit.record(request, "disconnect-user", userId, "ok: " + here + " on this node"
                + clusterWide.map(counts -> ", " + counts.get("disconnected") + " in the cluster").orElse(""));
        return HttpResponse.json(200, body);
    }

    private Map<String, Object> clusterWide(ClusterDisconnect.Outcome outcome, int here) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(nodeCount(node, here));
        outcome.nodes().forEach(other -> nodes.add(nodeCount(other.node(), other.disconnected())));
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("disconnected", here + outcome.nodes().stream().mapToInt(ClusterDisconnect.NodeCount::disconnected)
                .sum());
        cluster.put("nodes", nodes);
        cluster.put("unanswered", outcome.unanswered());
        outcome.problem().ifPresent(problem -> cluster.put("problem", problem));
        return cluster;
    }

    private static Map<String, Object> nodeCount(String node, int disconnected) {
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("node", node);
        count.put("disconnected", disconnected);
        return count;
    }
}
