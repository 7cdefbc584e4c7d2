package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.JsonNode;

/** Hears about sockets that connect and disconnect on any served namespace. */
public interface SocketLifecycleListener {

    default void onConnect(SocketSession socket) {
    }

    default void onDisconnect(SocketSession socket) {
    }

    /** As {@link #onDisconnect(SocketSession)}, with why the socket left; by default just that. */
    default void onDisconnect(SocketSession socket, DisconnectReason reason) {
        onDisconnect(socket);
    }

    /** The socket's connection moved from long-polling to WebSocket. */
    default void onTransportUpgraded(SocketSession socket) {
    }

    /**
     * A refused CONNECT, with the reason the client was given.
     *
     * @param served whether the namespace asked for is served (else the name is the client's own)
     */
    default void onRefused(String namespace, String reason, boolean served) {
    }

    /** How long a CONNECT to a served namespace took to decide. */
    default void onHandshake(String namespace, java.time.Duration duration, boolean accepted) {
    }

    /** A limit refused something (a client event, a join, a connection); {@code limit} names which. */
    default void onLimit(String limit) {
    }

    /**
     * A client event arrived on a socket (before its handler runs), on the connection's queue.
     *
     * @param args the event's arguments after its name; read them, never keep them
     */
    default void onClientEvent(SocketSession socket, String event, JsonNode args) {
    }
}
