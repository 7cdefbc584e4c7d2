package com.medsync.realtime.server.delivery;

import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Who on this node an event reaches: the members of its rooms, each once, minus the socket it excepts. */
final class Recipients {

    private Recipients() {
    }

    /**
     * The event's recipients on one namespace: the union of its rooms' members there, without the excepted socket.
     * When only one of its rooms has members here and nothing is excepted (most events: an order goes to its
     * pharmacy's room and its patient's, and one of them is often empty on a node), that room's own member set
     * is returned, a live view, rather than a copy: copying cost a set insertion per recipient, in every
     * broadcast. Count recipients while walking it: its size may change meanwhile.
     */
    static Collection<SocketSession> of(ServedNamespace namespace, OutboundEvent event) {
        Collection<SocketSession> only = Set.of();
        int rooms = 0;
        int members = 0;
        for (Room room : event.rooms()) {
            Collection<SocketSession> inRoom = namespace.members(room);
            if (!inRoom.isEmpty()) {
                only = inRoom;
                rooms++;
                members += inRoom.size();
            }
        }
        if (rooms <= 1 && event.exceptSocket().isEmpty()) {
            return only;
        }
        // Sockets keep Object.equals: an identity set holds them without a node object per recipient.
        Set<SocketSession> targets = Collections.newSetFromMap(new IdentityHashMap<>(members));
        for (Room room : event.rooms()) {
            targets.addAll(namespace.members(room));
        }
        event.exceptSocket().ifPresent(except -> targets.removeIf(socket -> socket.id().equals(except)));
        return targets;
    }

    /** @return whether the event reaches a socket, by its rooms now and its exception */
    static boolean reaches(SocketSession socket, OutboundEvent event) {
        if (event.exceptSocket().filter(socket.id()::equals).isPresent()) {
            return false;
        }
        return event.rooms().stream().anyMatch(socket::isIn);
    }
}
