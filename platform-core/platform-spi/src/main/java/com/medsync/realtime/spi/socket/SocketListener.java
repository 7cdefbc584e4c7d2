package com.medsync.realtime.spi.socket;

import com.medsync.realtime.spi.room.Room;

/** Hears about sockets on every served namespace: to clean up per-socket state such as typing. */
public interface SocketListener {

    default void onConnect(ClientSocket socket) {
    }

    /** The socket left a room (by request; a disconnect is reported by {@link #onDisconnect}). */
    default void onLeave(ClientSocket socket, Room room) {
    }

    /**
     * The socket is gone; it was in {@code socket.rooms()} until now. Called after every client event the
     * socket sent before it went away has been handled, so no event of it arrives after this.
     */
    default void onDisconnect(ClientSocket socket) {
    }
}
