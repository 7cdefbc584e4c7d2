package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated socket: a client connected to one namespace. Its identity is the token's principal
 * and never changes; its id is random and unrelated to the Engine.IO session id, which stays private.
 */
public final class SocketSession {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final ServedNamespace namespace;
    private final Principal principal;
    private final ClientHead engine;
    private final Instant connectedAt = Instant.now();
    private final Set<Room> rooms = ConcurrentHashMap.newKeySet();

    SocketSession(ServedNamespace namespace, Principal principal, ClientHead engine) {
        this.id = newId();
        this.namespace = namespace;
        this.principal = principal;
        this.engine = engine;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String id() {
        return id;
    }

    public ServedNamespace namespace() {
        return namespace;
    }

    public Principal principal() {
        return principal;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** @return the rooms this socket is in, a live read-only view */
    public Set<Room> rooms() {
        return java.util.Collections.unmodifiableSet(rooms);
    }

    boolean addRoom(Room room) {
        return rooms.add(room);
    }

    boolean removeRoom(Room room) {
        return rooms.remove(room);
    }

    ClientHead engine() {
        return engine;
    }

    /** Sends one event to this socket only. */
    public void emit(String event, List<?> args) {
        send(Packets.event(namespace.name(), event, args));
    }

    /** Sends a prepared packet (already addressed to this socket's namespace). */
    void send(Packet packet) {
        if (engine.isConnected()) {
            engine.send(packet);
        }
    }

    /** Answers a client's acknowledgement request. */
    void acknowledge(long ackId, List<?> args) {
        Packet packet = Packets.base(namespace.name(), PacketType.ACK);
        packet.setAckId(ackId);
        packet.setData(args);
        send(packet);
    }

    @Override
    public String toString() {
        return "socket " + id + " of " + principal.userId() + " on " + namespace.name();
    }
}
