package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.room.Room;

/**
 * Hears every room a socket enters or leaves on a served namespace, whatever made it happen: its automatic rooms,
 * a join or leave of its own, a recovery, its disconnection (it leaves every room). Called on the thread that
 * changed the membership, after the change; it must not block.
 */
public interface RoomChangeListener {

    void joined(SocketSession socket, Room room);

    void left(SocketSession socket, Room room);
}
