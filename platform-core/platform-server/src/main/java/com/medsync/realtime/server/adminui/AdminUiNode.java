package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.server.socket.engine.EngineTraffic;

import java.util.Collection;

/** What the Admin UI reads of this node, and the one thing it asks of it. */
public interface AdminUiNode {

    /** @return the apps' namespaces served now (never {@code /admin}) */
    Collection<ServedNamespace> namespaces();

    /** @return the Engine.IO connections open now */
    int connectionCount();

    /** @return the open connections on long-polling now */
    int pollingConnectionCount();

    EngineTraffic.Totals traffic();

    /** Sends a socket away; with {@code closeConnection}, every socket of its client and the connection too. */
    void disconnect(SocketSession socket, boolean closeConnection);
}
