package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.handler.ClientHead;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Engine.IO connection and the sockets it opened, one per namespace. Every Socket.IO packet of the
 * connection is handled on its serial executor, in order.
 */
final class EngineSession {

    private final ClientHead engine;
    private final SerialExecutor tasks;
    private final Map<String, SocketSession> sockets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    EngineSession(ClientHead engine, SerialExecutor tasks) {
        this.engine = engine;
        this.tasks = tasks;
    }

    ClientHead engine() {
        return engine;
    }

    SerialExecutor tasks() {
        return tasks;
    }

    SocketSession socket(String namespace) {
        return sockets.get(namespace);
    }

    void attach(SocketSession socket) {
        sockets.put(socket.namespace(), socket);
    }

    SocketSession detach(String namespace) {
        return sockets.remove(namespace);
    }

    boolean hasSockets() {
        return !sockets.isEmpty();
    }

    Collection<SocketSession> detachAll() {
        List<SocketSession> all = List.copyOf(sockets.values());
        sockets.clear();
        return all;
    }

    boolean isOpen() {
        return !closed && engine.isConnected();
    }

    void markClosed() {
        closed = true;
    }
}
