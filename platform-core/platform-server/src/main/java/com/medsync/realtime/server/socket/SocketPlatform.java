package com.medsync.realtime.server.socket;

import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

/** What a socket asks of the rest of the platform: room policy, delivery, and telling listeners. */
public interface SocketPlatform {

    boolean mayJoin(Principal principal, Room room);

    /** Hands an event to the broker, so it reaches matching sockets on every node. */
    void broadcast(OutboundEvent event);

    /** A socket left a room by request. */
    void left(SocketSession socket, Room room);

    /** A limit refused something; {@code limit} names which, for metrics. */
    void limited(String limit);
}
