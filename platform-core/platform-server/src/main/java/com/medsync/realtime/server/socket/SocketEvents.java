package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.SocketListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells everyone who listens what happens to sockets: the platform's own listeners (metrics), fixed at
 * start, and the listeners of running plugins, which come and go. A failing plugin listener is logged and
 * never stops the others.
 */
public final class SocketEvents {

    private static final Logger log = LoggerFactory.getLogger(SocketEvents.class);

    private final List<SocketLifecycleListener> platform;
    private final List<SocketListener> plugins = new CopyOnWriteArrayList<>();

    public SocketEvents(List<SocketLifecycleListener> platform) {
        this.platform = List.copyOf(platform);
    }

    public void add(SocketListener listener) {
        plugins.add(listener);
    }

    public void remove(SocketListener listener) {
        plugins.remove(listener);
    }

    void connected(SocketSession socket) {
        platform.forEach(listener -> listener.onConnect(socket));
        tellPlugins(listener -> listener.onConnect(socket));
    }

    /** A socket left a room by request. */
    public void left(SocketSession socket, Room room) {
        tellPlugins(listener -> listener.onLeave(socket, room));
    }

    void disconnected(SocketSession socket, DisconnectReason reason) {
        platform.forEach(listener -> listener.onDisconnect(socket, reason));
        tellPlugins(listener -> listener.onDisconnect(socket));
    }

    void upgraded(SocketSession socket) {
        platform.forEach(listener -> listener.onTransportUpgraded(socket));
    }

    void refused(String namespace, String reason, boolean served) {
        platform.forEach(listener -> listener.onRefused(namespace, reason, served));
    }

    void handshake(String namespace, Duration took, boolean accepted) {
        platform.forEach(listener -> listener.onHandshake(namespace, took, accepted));
    }

    void limited(String limit) {
        platform.forEach(listener -> listener.onLimit(limit));
    }

    void clientEvent(SocketSession socket, String event, JsonNode args) {
        platform.forEach(listener -> listener.onClientEvent(socket, event, args));
    }

    private void tellPlugins(Consumer<SocketListener> call) {
        for (SocketListener listener : plugins) {
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                log.error("Socket listener {} failed", listener.getClass().getName(), e);
            }
        }
    }
}
