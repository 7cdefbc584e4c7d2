package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.socket.ClientEvent;

import java.util.Map;

/**
 * A namespace the node serves for its operators rather than for the apps (the Socket.IO Admin UI's {@code /admin}).
 * It is a world of its own: its CONNECTs are decided by {@link #authenticate} alone (never by the apps' JWT
 * authenticator, so no user token opens it), its client events go to {@link #onEvent} alone (never to the apps'
 * handlers), and its sockets join no room, receive no published event, are not recovered, count against no user's
 * connections and are not reported to plugins or metrics. It is not in {@link NamespaceRegistry#all()}, so
 * delivery, statistics and the apps never see it.
 *
 * <p>Every method runs on the socket's connection queue (a handler thread) and may block briefly.
 */
public interface OperatorNamespace {

    /** @return the namespace's name, such as {@code /admin} */
    String name();

    /**
     * Decides a CONNECT.
     *
     * @throws AuthenticationException when refused: its reason is the CONNECT_ERROR message as the client reads it
     */
    Principal authenticate(Handshake handshake) throws AuthenticationException;

    /**
     * A socket was opened: its client already has the CONNECT answer.
     *
     * @param auth the CONNECT's auth payload
     */
    void onConnect(SocketSession socket, Map<String, Object> auth);

    /** A client event on one of its sockets, after the socket's rate limit. */
    void onEvent(ClientEvent event);

    /** One of its sockets is gone. */
    void onDisconnect(SocketSession socket);
}
