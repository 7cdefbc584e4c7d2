package com.medsync.realtime.server.socket.engine;

import java.time.Duration;
import java.util.UUID;

/**
 * What the engine tells the Socket.IO layer about a connection. Engine.IO itself (handshake, heartbeat,
 * upgrade, close packets, protocol violations) is handled in the engine; only Socket.IO packets and the
 * connection's end reach the listener.
 */
public interface EngineListener {

    /** A Socket.IO packet's text arrived, on the connection's thread. */
    void onPacket(EngineConnection connection, String text);

    /** A binary message arrived, on the connection's thread: the next attachment of the packet being received. */
    void onAttachment(EngineConnection connection, byte[] attachment);

    /**
     * {@code timeout} after the handshake, on a connection still open: the listener closes it unless it did what
     * a connection must do by then (authenticate a socket).
     */
    void onConnectDeadline(EngineConnection connection, Duration timeout);

    /** The connection with this id ({@link EngineConnection#id()}) is gone, whoever closed it. */
    void onClosed(UUID connectionId);

    /** The connection moved from long-polling to its WebSocket, on the connection's thread. */
    default void onUpgraded(EngineConnection connection) {
    }
}
