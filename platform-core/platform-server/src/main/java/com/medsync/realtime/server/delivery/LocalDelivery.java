package com.medsync.realtime.server.delivery;

import com.corundumstudio.socketio.protocol.Packet;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.Packets;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.event.EventTranslator.Emission;
import com.medsync.realtime.spi.room.Room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Routes an event to this node's sockets: on every served namespace, the union of the members of its
 * rooms, so a socket in several target rooms gets the event once; each namespace sends its own
 * translation of the event, and each emission is built once for all its recipients.
 */
public final class LocalDelivery {

    private final NamespaceRegistry namespaces;
    private final IntConsumer deliveredCounter;

    /**
     * @param deliveredCounter told how many socket deliveries each event made (for metrics)
     */
    public LocalDelivery(NamespaceRegistry namespaces, IntConsumer deliveredCounter) {
        this.namespaces = namespaces;
        this.deliveredCounter = deliveredCounter;
    }

    /** Sends an event to this node's matching sockets; the offset is not used here yet. */
    public void deliver(SequencedEvent sequenced) {
        OutboundEvent event = sequenced.event();
        for (ServedNamespace namespace : namespaces.all()) {
            Set<SocketSession> targets = targets(namespace, event);
            if (targets.isEmpty()) {
                continue;
            }
            List<Packet> packets = new ArrayList<>();
            for (Emission emission : namespace.translator().translate(event.name(), event.data())) {
                packets.add(Packets.event(namespace.name(), emission.event(), List.of(emission.data())));
            }
            for (SocketSession socket : targets) {
                packets.forEach(socket::send);
            }
            deliveredCounter.accept(targets.size() * packets.size());
        }
    }

    private static Set<SocketSession> targets(ServedNamespace namespace, OutboundEvent event) {
        Set<SocketSession> targets = new HashSet<>();
        for (Room room : event.rooms()) {
            targets.addAll(namespace.members(room));
        }
        event.exceptSocket().ifPresent(except -> targets.removeIf(socket -> socket.id().equals(except)));
        return targets;
    }
}
