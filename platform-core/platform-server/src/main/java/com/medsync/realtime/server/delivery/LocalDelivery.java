package com.medsync.realtime.server.delivery;

import com.medsync.realtime.server.socket.EventTranslation.Emission;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Routes an event to this node's sockets: on every served namespace, the union of the members of its
 * rooms, so a socket in several target rooms gets the event once; each namespace sends its own
 * translation of the event.
 */
public final class LocalDelivery {

    private final NamespaceRegistry namespaces;
    private final IntConsumer deliveredCounter;

    /**
     * @param deliveredCounter told how many socket deliveries each emission made (for metrics)
     */
    public LocalDelivery(NamespaceRegistry namespaces, IntConsumer deliveredCounter) {
        this.namespaces = namespaces;
        this.deliveredCounter = deliveredCounter;
    }

    public void deliver(OutboundEvent event) {
        for (ServedNamespace namespace : namespaces.all()) {
            Set<SocketSession> targets = targets(namespace, event.rooms());
            if (targets.isEmpty()) {
                continue;
            }
            List<Emission> emissions = namespace.translation().translate(event.name(), event.data());
            for (SocketSession socket : targets) {
                for (Emission emission : emissions) {
                    socket.emit(emission.event(), List.of(emission.data()));
                }
            }
            deliveredCounter.accept(targets.size() * emissions.size());
        }
    }

    private static Set<SocketSession> targets(ServedNamespace namespace, Set<Room> rooms) {
        Set<SocketSession> targets = new HashSet<>();
        for (Room room : rooms) {
            targets.addAll(namespace.members(room));
        }
        return targets;
    }
}
