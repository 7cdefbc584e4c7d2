package com.medsync.realtime.server.delivery;

import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.HashSet;
import java.util.Set;

/** Who on this node an event reaches: the members of its rooms, each once, minus the socket it excepts. */
final class Recipients {

    private Recipients() {
    }

    /** The event's recipients on one namespace: the union of its rooms' members there, without the excepted socket. */
    static Set<SocketSession> of(ServedNamespace namespace, OutboundEvent event) {
        Set<SocketSession> targets = new HashSet<>();
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
