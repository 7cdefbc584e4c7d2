package com.medsync.realtime.server.console;

import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.Optional;
import java.util.function.Function;

/**
 * Which sockets a listing shows; every part is optional and they all must match.
 *
 * @param namespace a namespace name, such as {@code /patient-pharmacy}
 * @param userId    the user ({@code sub}) the socket belongs to
 * @param room      a room the socket is in
 * @param transport {@code websocket} or {@code polling}
 */
public record ConnectionFilter(Optional<String> namespace, Optional<String> userId, Optional<Room> room,
        Optional<String> transport) {

    public static final ConnectionFilter ALL = new ConnectionFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /**
     * The room whose members are the only candidates, so that a filter by user or room reads that room's
     * members rather than every socket: the user's own room when a user is asked for (it is the smaller one).
     */
    Optional<Room> indexRoom() {
        return userId.map(Room::user).or(() -> room);
    }

    boolean matchesNamespace(String name) {
        return namespace.isEmpty() || namespace.get().equals(name);
    }

    boolean matches(SocketSession socket, Function<SocketSession, String> transportOf) {
        return userId.map(id -> id.equals(socket.principal().userId())).orElse(true)
                && room.map(socket::isIn).orElse(true)
                && transport.map(wanted -> wanted.equals(transportOf.apply(socket))).orElse(true);
    }
}
