package com.medsync.realtime.server.socket;

import com.medsync.realtime.server.socket.engine.EngineConnection;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import java.util.Map;
import java.util.Set;

/**
 * What the socket layer asks of connection state recovery (implemented in the {@code recovery} package, which
 * builds on this one): opening the socket a CONNECT asked for, the one its client had when it may recover it,
 * and keeping the session of a socket that lost its connection.
 */
public interface SocketRecovery {

    /**
     * Opens the socket an authenticated CONNECT asked for, on the connection's serial queue: afterwards it is in
     * its namespace and rooms and its client has the CONNECT answer (and, when recovered, its missed events).
     *
     * @param auth the CONNECT's auth payload, which may ask to recover a session
     */
    SocketSession open(ServedNamespace namespace, Principal principal, Map<String, Object> auth,
            EngineConnection connection);

    /**
     * A socket is gone, after leaving its rooms.
     *
     * @param rooms       the rooms it was in
     * @param recoverable whether it lost its connection (rather than left or was sent away): its session is kept
     */
    void closed(SocketSession socket, Set<Room> rooms, boolean recoverable);
}
