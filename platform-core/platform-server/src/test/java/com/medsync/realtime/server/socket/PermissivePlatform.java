package com.medsync.realtime.server.socket;

import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

/** For tests of what sockets hold: every join allowed, and nothing behind the platform. */
public final class PermissivePlatform implements SocketPlatform {

    public static final SocketPlatform INSTANCE = new PermissivePlatform();

    private PermissivePlatform() {
    }

    @Override
    public boolean mayJoin(Principal principal, Room room) {
        return true;
    }

    @Override
    public void broadcast(OutboundEvent event) {
    }

    @Override
    public void left(SocketSession socket, Room room) {
    }

    @Override
    public void limited(String limit) {
    }
}
