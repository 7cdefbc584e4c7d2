package com.medsync.realtime.server;

import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.BrokerUnavailableException;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.metrics.PlatformMetrics;
import com.medsync.realtime.server.room.RoomAccess;
import com.medsync.realtime.server.socket.SocketEvents;
import com.medsync.realtime.server.socket.SocketPlatform;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import java.util.function.Consumer;

/** What sockets get from the rest of the node: the room policy, the broker, listeners and limit metrics. */
final class SocketServices implements SocketPlatform {

    private final RoomAccess roomAccess;
    private final Broker broker;
    private final Consumer<OutboundEvent> whenBrokerUnavailable;
    private final SocketEvents socketEvents;
    private final PlatformMetrics metrics;

    /**
     * @param whenBrokerUnavailable what happens to a client's relayed event the broker refused (cluster mode: it
     *                              still reaches this node's sockets)
     */
    SocketServices(RoomAccess roomAccess, Broker broker, Consumer<OutboundEvent> whenBrokerUnavailable,
            SocketEvents socketEvents, PlatformMetrics metrics) {
        this.roomAccess = roomAccess;
        this.broker = broker;
        this.whenBrokerUnavailable = whenBrokerUnavailable;
        this.socketEvents = socketEvents;
        this.metrics = metrics;
    }

    @Override
    public boolean mayJoin(Principal principal, Room room) {
        return roomAccess.mayJoin(principal, room);
    }

    @Override
    public void broadcast(OutboundEvent event) {
        try {
            broker.publish(event);
        } catch (BrokerUnavailableException e) {
            whenBrokerUnavailable.accept(event);
        }
    }

    @Override
    public void left(SocketSession socket, Room room) {
        socketEvents.left(socket, room);
    }

    @Override
    public void limited(String limit) {
        metrics.onLimit(limit);
    }
}
