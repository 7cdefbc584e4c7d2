package com.medsync.realtime.server.delivery;

import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Who on this node an event reaches: the members of its rooms, each once, minus the socket it excepts. */
final class Recipients {

    private Recipients() {
    }

    /**
     * The event's recipients on one namespace: the union of its rooms' members there, without the excepted socket.
     * An event for one room with no exception (most of them) gets the room's own member set, a live view, rather
     * than a copy: copying cost a set insertion per recipient, in every broadcast. Count recipients while walking
     * it: its size may change meanwhile.
     */
    static Collection<SocketSession> of(ServedNamespace namespace, OutboundEvent event) {
        if (event.rooms().size() == 1 && event.exceptSocket().isEmpty()) {
            return namespace.members(event.rooms().iterator().next());
        }
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
