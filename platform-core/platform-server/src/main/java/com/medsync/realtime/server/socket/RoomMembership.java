package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.room.Room;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;

/**
 * Which local sockets of one namespace are in which room. Rooms exist while they have members, as in
 * Socket.IO's in-memory adapter.
 */
final class RoomMembership {

    private final Map<Room, Set<SocketSession>> members = new ConcurrentHashMap<>();

    boolean join(SocketSession socket, Room room) {
        // Added inside compute(), as leave() removes: a set taken with computeIfAbsent() and added to afterwards
        // could be the one a concurrent leave() had just emptied and dropped from the map, and the socket would be
        // in no room (a recovered socket joining its user room while its stale twin left it).
        members.compute(room, (r, sockets) -> {
            Set<SocketSession> joined = sockets != null ? sockets : ConcurrentHashMap.newKeySet();
            joined.add(socket);
            return joined;
        });
        return socket.addRoom(room);
    }

    boolean leave(SocketSession socket, Room room) {
        // compute() keeps removal of an emptied room atomic with a concurrent join of the same room.
        members.computeIfPresent(room, (r, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
        return socket.removeRoom(room);
    }

    Collection<SocketSession> members(Room room) {
        Set<SocketSession> sockets = members.get(room);
        return sockets == null ? Collections.emptySet() : sockets;
    }

    /** Walks the rooms in place: a listing pays no copy of the whole room table. */
    void forEachRoom(ObjIntConsumer<Room> room) {
        members.forEach((name, sockets) -> {
            int count = sockets.size();
            if (count > 0) {
                room.accept(name, count);
            }
        });
    }

    int roomCount() {
        return members.size();
    }
}
