package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.event.EventIds;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.engine.EngineConnection;
import com.medsync.realtime.server.socket.engine.HandshakeRequest;
import com.medsync.realtime.server.socket.engine.LoopRecipient;
import com.medsync.realtime.server.socket.engine.LoopWrites;
import com.medsync.realtime.server.socket.engine.Packets;
import com.medsync.realtime.server.socket.engine.WriteBatch;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.ClientSocket;


import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One authenticated socket: a client connected to one namespace. Its identity is the token's principal
 * and never changes; its id is random and unrelated to the Engine.IO session id, which stays private.
 */
public final class SocketSession implements ClientSocket, LoopRecipient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final ServedNamespace namespace;
    private final Principal principal;
    private final EngineConnection connection;
    private final SocketPlatform platform;
    private final Instant connectedAt = Instant.now();
    private final Set<Room> rooms = ConcurrentHashMap.newKeySet();
    private final TokenBucket events;
    private final int maxRooms;
    private final SlowConsumerGuard slowConsumer;
    private int refusalsInARow;
    /**
     * The offset before the first event this node sent the socket (empty: the log's start), or null while it was
     * sent none: where a replay for its client would start. Read and written only by {@code LocalDelivery}, under
     * its lock; kept here because that happens on every delivery, when this object is in the cache anyway.
     */
    private Optional<String> beforeFirstSent;
    /** Told after a join or a leave of the socket's own (connection state recovery keeps its session current). */
    private volatile Consumer<SocketSession> roomsChanged = socket -> { };

    public SocketSession(ServedNamespace namespace, Principal principal, EngineConnection connection,
            SocketPlatform platform, LimitSettings limits) {
        this(newId(), namespace, principal, connection, platform, limits);
    }

    /** A socket with a given id: the one a recovered session had. */
    public SocketSession(String id, ServedNamespace namespace, Principal principal, EngineConnection connection,
            SocketPlatform platform, LimitSettings limits) {
        this.id = id;
        this.namespace = namespace;
        this.principal = principal;
        this.connection = connection;
        this.platform = platform;
        this.events = new TokenBucket(limits.clientEventsPerSecond(), limits.clientEventBurst());
        this.maxRooms = limits.roomsPerSocket();
        this.slowConsumer = new SlowConsumerGuard(limits.outboundQueue());
    }

    /**
     * Takes one client event from the socket's allowance. Called on the socket's serial queue only.
     *
     * @return the number of events refused in a row so far (0 when this one is allowed)
     */
    int admitEvent() {
        if (events.tryTake()) {
            refusalsInARow = 0;
            return 0;
        }
        return ++refusalsInARow;
    }

    /** @return whether the socket may join one more room */
    public boolean hasRoomFor(Room room) {
        return rooms.contains(room) || rooms.size() < maxRooms;
    }

    /** For {@code LocalDelivery} only, under its lock: see {@link #beforeFirstSent}. */
    public Optional<String> beforeFirstSent() {
        return beforeFirstSent;
    }

    /** For {@code LocalDelivery} only, under its lock: see {@link #beforeFirstSent}. */
    public void beforeFirstSent(Optional<String> offset) {
        beforeFirstSent = offset;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String namespace() {
        return namespace.name();
    }

    public ServedNamespace servedNamespace() {
        return namespace;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** @return {@code websocket} or {@code polling}: how the client's connection carries packets now */
    public String transport() {
        return connection.transportName();
    }

    @Override
    public Set<Room> rooms() {
        return Collections.unmodifiableSet(rooms);
    }

    @Override
    public boolean isIn(Room room) {
        return rooms.contains(room);
    }

    @Override
    public boolean join(Room room) {
        if (!hasRoomFor(room)) {
            platform.limited("rooms-per-socket");
            return false;
        }
        if (!platform.mayJoin(principal, room)) {
            return false;
        }
        namespace.join(this, room);
        roomsChanged.accept(this);
        return true;
    }

    /** Has {@code listener} told of every later join and leave of this socket (not of its automatic rooms). */
    public void whenRoomsChange(Consumer<SocketSession> listener) {
        this.roomsChanged = listener;
    }

    @Override
    public boolean leave(Room room) {
        boolean wasIn = namespace.leave(this, room);
        if (wasIn) {
            platform.left(this, room);
            roomsChanged.accept(this);
        }
        return wasIn;
    }

    @Override
    public void emit(String event, JsonNode... args) {
        send(Packets.event(namespace.name(), event, List.of(args)));
    }

    @Override
    public void emitToOthersIn(Room room, String event, JsonNode data) {
        platform.broadcast(new OutboundEvent(EventIds.next(), event, data, Set.of(room), Optional.of(id)));
    }

    boolean addRoom(Room room) {
        return rooms.add(room);
    }

    boolean removeRoom(Room room) {
        return rooms.remove(room);
    }

    EngineConnection connection() {
        return connection;
    }

    /** @return an opaque name of the socket's connection, shared by its client's other sockets (for operators) */
    public String clientId() {
        return connection.publicId();
    }

    /** @return what the socket's Engine.IO handshake request carried: client input, secrets included */
    public HandshakeRequest handshakeRequest() {
        return connection.handshakeRequest();
    }

    /**
     * Ends this socket's Engine.IO connection (with every socket on it): for a connection lost without this node
     * noticing yet, whose client is already back on another one.
     */
    public void closeConnection(String reason) {
        if (connection != null) {
            connection.close(reason);
        }
    }

    /**
     * Sends a prepared packet (already addressed to this socket's namespace), unless the client has fallen
     * too far behind: packets piling up for a poll that does not come, or a WebSocket that stays unwritable.
     */
    public void send(EncodedPacket packet) {
        send(packet, null);
    }

    /**
     * As {@link #send(EncodedPacket)}; over a WebSocket the packet is listed in {@code batch}, and checked and written
     * on the connection's event loop when the batch is flushed ({@link #sendOnLoop}; null: at once).
     */
    public void send(EncodedPacket packet, WriteBatch batch) {
        if (batch != null && connection.sendLater(this, packet, batch)) {
            return;
        }
        if (admits(connection.pollsBehind(slowConsumer.maxQueued()))) {
            connection.send(packet);
        }
    }

    @Override
    public int prefetch() {
        return (slowConsumer.isCutOff() ? 1 : 0) + connection.prefetch();
    }

    @Override
    public void sendOnLoop(EncodedPacket packet, LoopWrites writes) {
        if (admits(false)) {
            writes.write(connection, packet);
        }
    }

    /**
     * @param pollsBehind whether a polling client has its outbound queue's worth of packets waiting
     * @return whether a packet may go out to the client now; false also when this one cut it off
     */
    private boolean admits(boolean pollsBehind) {
        if (!connection.isConnected() || slowConsumer.isCutOff()) {
            return false;
        }
        switch (slowConsumer.beforeSend(connection.isWritable(), pollsBehind)) {
            case SEND -> {
                return true;
            }
            case CUT_OFF -> {
                platform.limited("outbound-queue");
                // Closed, the client reconnects and catches up through connection state recovery.
                connection.close("client too slow: more than its outbound queue waiting");
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** Sends the CONNECT answer: this socket's id, and its private session id when recovery is on. */
    public void sendConnected(Optional<String> pid) {
        send(Packets.connected(namespace.name(), id, pid));
    }

    /** Answers a client's acknowledgement request. */
    void acknowledge(long ackId, List<?> args) {
        send(Packets.ack(namespace.name(), ackId, args));
    }

    @Override
    public String toString() {
        return "socket " + id + " of " + principal.userId() + " on " + namespace.name();
    }
}
