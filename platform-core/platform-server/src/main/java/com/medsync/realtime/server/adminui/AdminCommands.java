package com.medsync.realtime.server.adminui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Admin UI's commands, with the arguments its client sends: {@code join(nsp, room, filter)},
 * {@code leave(nsp, room, filter)} and {@code _disconnect(nsp, close, filter)}, where {@code filter} is a socket id
 * (one socket), a room (its members) or absent (every socket of the namespace). Its {@code emit} (any event to any
 * socket) is not offered.
 *
 * <p>A join goes through the room policy like the socket's own would: an operator can move a socket between rooms
 * it may be in, never give a user a room (a pharmacy's orders, someone's chat) its token does not allow.
 *
 * <p>The Admin UI asks for no acknowledgement, and the reference server gives none; a client that asks gets
 * {@code {ok: true, sockets, changed}} (sockets matched, sockets that changed) or {@code {ok: false, error: {code,
 * message}}}, as for the apps' own events.
 */
final class AdminCommands {

    private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);

    /** The features of the reference server's protocol that these commands provide. */
    static final List<String> FEATURES = List.of("JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT");

    private final boolean readonly;
    private final AdminUiNode node;

    AdminCommands(boolean readonly, AdminUiNode node) {
        this.readonly = readonly;
        this.node = node;
    }

    void handle(ClientEvent event) {
        String command = event.name();
        if (!"join".equals(command) && !"leave".equals(command) && !"_disconnect".equals(command)) {
            event.ack().error(AckError.BAD_REQUEST, "the Admin UI commands here are join, leave and _disconnect");
            return;
        }
        if (readonly) {
            log.info("Admin UI command {} refused: read-only", command);
            event.ack().error(AckError.FORBIDDEN, "the Admin UI is read-only on this node");
            return;
        }
        JsonNode args = event.args();
        Optional<ServedNamespace> namespace = text(args.path(0)).flatMap(this::namespace);
        if (namespace.isEmpty()) {
            event.ack().error(AckError.BAD_REQUEST, "the first argument must name a served namespace");
            return;
        }
        Optional<String> filter = text(args.path(2));
        List<SocketSession> targets = targets(namespace.get(), filter);
        int changed;
        if ("_disconnect".equals(command)) {
            boolean closeConnection = args.path(1).asBoolean(false);
            targets.forEach(socket -> node.disconnect(socket, closeConnection));
            changed = targets.size();
        } else {
            Optional<Room> room = text(args.path(1)).flatMap(Room::parse);
            if (room.isEmpty()) {
                event.ack().error(AckError.INVALID_ROOM, "the second argument must be a room such as chat:{id}");
                return;
            }
            changed = "join".equals(command) ? join(targets, room.get()) : leave(targets, room.get());
        }
        log.info("Admin UI: {} {} on {} matched {} sockets, changed {}", command, args, namespace.get().name(),
                targets.size(), changed);
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("ok", true).put("sockets", targets.size())
                .put("changed", changed);
        event.ack().reply(List.of(answer));
    }

    private Optional<ServedNamespace> namespace(String name) {
        return node.namespaces().stream().filter(namespace -> namespace.name().equals(name)).findFirst();
    }

    /** A socket id, else a room, else nothing: as Socket.IO, where every socket is also in a room named by its id. */
    private static List<SocketSession> targets(ServedNamespace namespace, Optional<String> filter) {
        if (filter.isEmpty()) {
            return List.copyOf(namespace.sockets());
        }
        Optional<SocketSession> socket = namespace.socket(filter.get());
        if (socket.isPresent()) {
            return List.of(socket.get());
        }
        Collection<SocketSession> members = Room.parse(filter.get()).map(namespace::members).orElse(List.of());
        return List.copyOf(members);
    }

    /** @return how many sockets joined (a refused join, like one already made, changes nothing) */
    private static int join(List<SocketSession> targets, Room room) {
        int joined = 0;
        for (SocketSession socket : targets) {
            if (!socket.isIn(room) && socket.join(room)) {
                joined++;
            }
        }
        return joined;
    }

    private static int leave(List<SocketSession> targets, Room room) {
        int left = 0;
        for (SocketSession socket : targets) {
            if (socket.leave(room)) {
                left++;
            }
        }
        return left;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
