package com.medsync.realtime.server.socket;

import com.medsync.realtime.server.socket.protocol.BinaryReassembly;
import com.medsync.realtime.server.socket.protocol.MalformedPacketException;
import com.medsync.realtime.server.socket.protocol.SocketIoPacket;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.medsync.realtime.server.socket.engine.EngineConnection;

/**
 * One Engine.IO connection and the sockets it opened, one per namespace. Every Socket.IO packet of the
 * connection is handled on its serial executor, in order.
 */
final class EngineSession {

    private final EngineConnection connection;
    private final SerialExecutor tasks;
    private final Map<String, SocketSession> sockets = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** The binary packet whose attachments are arriving; guarded by this. */
    private BinaryReassembly reassembly;

    EngineSession(EngineConnection connection, SerialExecutor tasks) {
        this.connection = connection;
        this.tasks = tasks;
    }

    EngineConnection connection() {
        return connection;
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

    /** @return whether {@code socket} was the connection's socket on its namespace (and is detached now) */
    boolean detach(String namespace, SocketSession socket) {
        return sockets.remove(namespace, socket);
    }

    Collection<SocketSession> sockets() {
        return List.copyOf(sockets.values());
    }

    boolean hasSockets() {
        return !sockets.isEmpty();
    }

    Collection<SocketSession> detachAll() {
        List<SocketSession> all = List.copyOf(sockets.values());
        sockets.clear();
        return all;
    }

    /** @return whether a binary packet is waiting for attachments */
    synchronized boolean awaitingAttachments() {
        return reassembly != null;
    }

    /**
     * Starts receiving a binary packet's attachments.
     *
     * @return the packet at once when it announced none
     * @throws IllegalStateException when another binary packet is still waiting for its attachments
     */
    synchronized Optional<SocketIoPacket> expectAttachments(BinaryReassembly next) throws MalformedPacketException {
        if (reassembly != null) {
            throw new IllegalStateException("binary packet while binary attachments were awaited");
        }
        if (next.isComplete()) {
            return Optional.of(next.packet());
        }
        reassembly = next;
        return Optional.empty();
    }

    /**
     * @return the reassembled packet when this was its last attachment
     * @throws IllegalStateException when no binary packet awaits attachments
     */
    synchronized Optional<SocketIoPacket> addAttachment(byte[] attachment) throws MalformedPacketException {
        if (reassembly == null) {
            throw new IllegalStateException("binary message without a binary packet announcing it");
        }
        reassembly.add(attachment);
        if (!reassembly.isComplete()) {
            return Optional.empty();
        }
        BinaryReassembly complete = reassembly;
        reassembly = null;
        return Optional.of(complete.packet());
    }

    boolean isOpen() {
        return !closed && connection.isConnected();
    }

    void markClosed() {
        closed = true;
    }
}
