package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.event.EventIds;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.ClientSocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated socket: a client connected to one namespace. Its identity is the token's principal
 * and never changes; its id is random and unrelated to the Engine.IO session id, which stays private.
 */
public final class SocketSession implements ClientSocket {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final ServedNamespace namespace;
    private final Principal principal;
    private final ClientHead engine;
    private final SocketPlatform platform;
    private final Instant connectedAt = Instant.now();
    private final Set<Room> rooms = ConcurrentHashMap.newKeySet();
    private final TokenBucket events;
    private final int maxRooms;
    private final int maxQueued;
    private final java.util.concurrent.atomic.AtomicInteger sentWhileUnwritable = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
    private int refusalsInARow;
    /** The WebSocket this socket's packets go out on, once it was seen carrying one. */
    private volatile Channel webSocket;
    /** Our writer in that WebSocket's pipeline; used on its event loop only. */
    private ChannelHandlerContext webSocketWriter;

    SocketSession(ServedNamespace namespace, Principal principal, ClientHead engine, SocketPlatform platform,
            LimitSettings limits) {
        this(newId(), namespace, principal, engine, platform, limits);
    }

    /** A socket with a given id: the one a recovered session had. */
    SocketSession(String id, ServedNamespace namespace, Principal principal, ClientHead engine,
            SocketPlatform platform, LimitSettings limits) {
        this.id = id;
        this.namespace = namespace;
        this.principal = principal;
        this.engine = engine;
        this.platform = platform;
        this.events = new TokenBucket(limits.clientEventsPerSecond(), limits.clientEventBurst());
        this.maxRooms = limits.roomsPerSocket();
        this.maxQueued = limits.outboundQueue();
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
        return true;
    }

    @Override
    public boolean leave(Room room) {
        boolean wasIn = namespace.leave(this, room);
        if (wasIn) {
            platform.left(this, room);
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

    ClientHead engine() {
        return engine;
    }

    /**
     * Sends a prepared packet (already addressed to this socket's namespace), unless the client has fallen
     * too far behind: packets piling up for a poll that does not come, or a WebSocket that stays unwritable.
     */
    public void send(Packet packet) {
        send(packet, null);
    }

    /**
     * As {@link #send(Packet)}; over a WebSocket the packet is queued now and written when {@code batch} is
     * flushed (null: at once).
     */
    public void send(Packet packet, WriteBatch batch) {
        if (!engine.isConnected() || dropped.get()) {
            return;
        }
        Channel webSocket = this.webSocket;
        // A known WebSocket answers at once; netty-socketio's own check looks the transport's channel up first.
        boolean writable = webSocket != null ? webSocket.isWritable() : engine.isWritable();
        int behind = writable ? 0 : sentWhileUnwritable.incrementAndGet();
        if (writable && sentWhileUnwritable.get() != 0) {
            sentWhileUnwritable.set(0);
        }
        if (behind > maxQueued || pollsBehind()) {
            if (dropped.compareAndSet(false, true)) {
                platform.limited("outbound-queue");
                platform.dropSlowConsumer(this);
            }
            return;
        }
        Packet own = Packets.forOneSocket(packet);
        if (batch != null && webSocket != null) {
            engine.getPacketsQueue(Transport.WEBSOCKET).add(own);
            batch.drainLater(webSocket.eventLoop(), this);
            return;
        }
        ChannelFuture sent = engine.send(own);
        // An upgraded session never goes back to polling: its WebSocket can be remembered for batched writes.
        if (webSocket == null && sent != null && engine.isTransportChannel(sent.channel(), Transport.WEBSOCKET)) {
            this.webSocket = sent.channel();
        }
    }

    /** Writes out what was queued for the WebSocket; on its event loop ({@link WriteBatch#flush}). */
    void drainWebSocket() {
        Channel channel = webSocket;
        if (channel == null || !engine.isConnected()) {
            return;
        }
        ChannelHandlerContext writer = webSocketWriter;
        if (writer == null || writer.isRemoved()) {
            writer = WebSocketPacketWriter.contextIn(channel);
            webSocketWriter = writer;
        }
        if (writer != null) {
            ((WebSocketPacketWriter) writer.handler()).drain(writer, engine.getPacketsQueue(Transport.WEBSOCKET));
        }
    }

    /**
     * A polling client that does not come for its packets lets them pile up in its queue. A WebSocket's queue
     * is drained by its event loop; a client that stops reading shows as an unwritable channel instead. (The
     * queue's size is counted by walking it, so it is asked only where it means something.)
     */
    private boolean pollsBehind() {
        return engine.getCurrentTransport() == Transport.POLLING
                && engine.getPacketsQueue(Transport.POLLING).size() >= maxQueued;
    }

    /** Answers a client's acknowledgement request. */
    void acknowledge(long ackId, List<?> args) {
        Packet packet = Packets.base(namespace.name(), PacketType.ACK);
        packet.setAckId(ackId);
        packet.setData(EncoderArguments.forAck(args));
        send(packet);
    }

    @Override
    public String toString() {
        return "socket " + id + " of " + principal.userId() + " on " + namespace.name();
    }
}
