package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.core.type.TypeReference;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.recovery.ConnectionRecovery;
import com.medsync.realtime.server.socket.protocol.BinaryReassembly;
import com.medsync.realtime.server.socket.protocol.MalformedPacketException;
import com.medsync.realtime.server.socket.protocol.SocketIoPacket;
import com.medsync.realtime.server.socket.protocol.SocketIoPacketParser;
import com.medsync.realtime.server.socket.protocol.SocketIoPacketType;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Everything Socket.IO (protocol 5) above Engine.IO: namespace CONNECT with authentication, DISCONNECT,
 * and client events. netty-socketio keeps the transports (polling, WebSocket, upgrade, heartbeats); this
 * class owns who is connected to what.
 *
 * <p>Three rules close the gaps netty-socketio leaves: a socket exists only after its CONNECT was
 * authenticated (no auth payload means no token, not a free pass); a packet for a namespace the client has
 * no socket on closes the connection, as the reference server does; and nothing happens for a namespace
 * that is not served, whatever the client asks.
 */
public final class SocketGateway implements EngineSessions {

    private static final Logger log = LoggerFactory.getLogger(SocketGateway.class);

    /** How long a polling client's last poll has to arrive after its close packet. */
    private static final long CLOSING_POLL_GRACE_MILLIS = 200;

    /** Packets one connection may have waiting before it is cut off for flooding. */
    private static final int MAX_PENDING_PACKETS = 256;

    private final NamespaceRegistry namespaces;
    private final Authenticator authenticator;
    private final ClientEventRouter events;
    private final SocketEvents listeners;
    private final Executor handlerPool;
    private final ObjectMapper mapper;
    private final SocketIoPacketParser parser = new SocketIoPacketParser();
    private final Map<UUID, EngineSession> sessions = new ConcurrentHashMap<>();
    /** Every open Engine.IO connection, from its handshake on, whether it spoke Socket.IO yet or not. */
    private final Map<UUID, OpenEngine> openEngines = new ConcurrentHashMap<>();
    private final LimitSettings limits;
    private final UserConnections userConnections;
    private final ConnectionRecovery recovery;
    private final SocketOpener opener;

    public SocketGateway(NamespaceRegistry namespaces, Authenticator authenticator, ClientEventRouter events,
            SocketEvents listeners, SocketPlatform platform, LimitSettings limits, Executor handlerPool,
            ObjectMapper mapper, ConnectionRecovery recovery) {
        this.limits = limits;
        this.recovery = recovery;
        this.opener = new SocketOpener(recovery, platform, limits);
        this.userConnections = new UserConnections(limits.connectionsPerUser());
        this.namespaces = namespaces;
        this.authenticator = authenticator;
        this.events = events;
        this.listeners = listeners;
        this.handlerPool = handlerPool;
        this.mapper = mapper;
        namespaces.onRemoval(this::disconnectAll);
    }

    /** A Socket.IO packet arrived (on a Netty thread): parse it here, handle it on the connection's queue. */
    void onPacket(ClientHead engine, String text) {
        EngineSession session = sessionOf(engine);
        SocketIoPacket packet;
        try {
            packet = parser.parse(text);
        } catch (MalformedPacketException e) {
            close(session, "malformed packet: " + e.getMessage());
            return;
        }
        if (packet.type() != SocketIoPacketType.BINARY_EVENT && packet.type() != SocketIoPacketType.BINARY_ACK) {
            if (session.awaitingAttachments()) {
                close(session, "text packet while binary attachments were awaited");
                return;
            }
            enqueue(session, packet);
            return;
        }
        try {
            session.expectAttachments(BinaryReassembly.of(packet, limits.attachmentsPerPacket()))
                    .ifPresent(complete -> enqueue(session, complete));
        } catch (MalformedPacketException e) {
            listeners.limited("attachments");
            close(session, e.getMessage());
        } catch (IllegalStateException e) {
            close(session, e.getMessage());
        }
    }

    /** A binary message arrived (on a Netty thread): the next attachment of the packet being received. */
    void onAttachment(ClientHead engine, byte[] attachment) {
        EngineSession session = sessionOf(engine);
        try {
            session.addAttachment(attachment).ifPresent(complete -> enqueue(session, complete));
        } catch (MalformedPacketException | IllegalStateException e) {
            close(session, e.getMessage());
        }
    }

    private void enqueue(EngineSession session, SocketIoPacket packet) {
        try {
            session.tasks().execute(() -> handle(session, packet));
        } catch (RejectedExecutionException e) {
            close(session, e.getMessage());
        }
    }

    /**
     * An Engine.IO connection was just opened: unless it has an authenticated socket by {@code timeout}, it is
     * closed, so connections that never authenticate do not hold resources.
     */
    void onEngineOpened(ClientHead engine, EngineTimings timings, EventLoop loop) {
        Duration timeout = timings.connectTimeout();
        EngineHeartbeat heartbeat = EngineHeartbeat.start(engine, loop, timings.pingInterval(), timings.pingTimeout(),
                expired -> close(sessionOf(expired), "no pong within " + timings.pingTimeout()));
        openEngines.put(engine.getSessionId(), new OpenEngine(engine, heartbeat));
        loop.schedule(() -> {
            EngineSession session = sessions.get(engine.getSessionId());
            boolean authenticated = session != null && session.hasSockets();
            if (!authenticated && engine.isConnected()) {
                listeners.limited("connect-timeout");
                close(session != null ? session : sessionOf(engine), "no authenticated CONNECT within " + timeout);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The client answered a ping. */
    void onPong(ClientHead engine) {
        OpenEngine open = openEngines.get(engine.getSessionId());
        if (open != null) {
            open.heartbeat.pong();
        }
    }

    /**
     * The client closed its Engine.IO connection with a close packet: a poll it has waiting is answered with
     * a noop, as the reference server does, and the connection ends. When no poll is waiting, the one the
     * client sent with its close packet may still be on its way: the noop waits for it a moment, and the
     * session is closed to every other request meanwhile.
     */
    void onClientClose(ClientHead engine, EventLoop loop) {
        log.debug("Client closed connection {}", engine.getSessionId());
        if (engine.getCurrentTransport() == Transport.POLLING
                && engine.send(new Packet(PacketType.NOOP, EngineIOVersion.V4), Transport.POLLING) == null) {
            OpenEngine open = openEngines.get(engine.getSessionId());
            if (open != null) {
                open.closing = true;
                loop.schedule(engine::onChannelDisconnect, CLOSING_POLL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
        }
        engine.onChannelDisconnect();
    }

    /** A socket's client reads too slowly: its Engine.IO connection is closed. */
    public void dropSlowConsumer(SocketSession socket) {
        EngineSession session = sessions.get(socket.engine().getSessionId());
        if (session != null) {
            close(session, "client too slow: more than its outbound queue waiting");
        }
    }

    /** The transport saw something that is not Engine.IO: the connection is closed. */
    void onProtocolViolation(ClientHead engine, String reason) {
        close(sessionOf(engine), reason);
    }

    private EngineSession sessionOf(ClientHead engine) {
        return sessions.computeIfAbsent(engine.getSessionId(),
                id -> new EngineSession(engine, new SerialExecutor(handlerPool, MAX_PENDING_PACKETS)));
    }

    /** The Engine.IO connection is gone: its sockets leave their rooms and namespaces. */
    void onEngineClosed(UUID engineSessionId) {
        OpenEngine open = openEngines.remove(engineSessionId);
        if (open != null) {
            open.heartbeat.stop();
        }
        EngineSession session = sessions.remove(engineSessionId);
        if (session == null) {
            return;
        }
        session.markClosed();
        // Queued after whatever the connection still had pending, so a CONNECT in flight cannot leak a socket.
        // A lost connection leaves its sockets recoverable.
        session.tasks().executeAlways(() -> session.detachAll().forEach(socket -> removeSocket(socket, true)));
    }

    /**
     * Closes every Engine.IO connection with an Engine.IO close packet: clients see a transport close and
     * reconnect on their own (a Socket.IO DISCONNECT would tell them not to).
     */
    void closeAll(String reason) {
        sessions.values().forEach(session -> close(session, reason));
    }

    @Override
    public Optional<EngineTransport> transportOf(UUID engineSessionId) {
        OpenEngine open = openEngines.get(engineSessionId);
        if (open == null || !open.engine.isConnected()) {
            return Optional.empty();
        }
        if (open.closing) {
            // Only the poll that picks up the closing noop may still come in.
            return open.engine.getPacketsQueue(Transport.POLLING).isEmpty() ? Optional.empty()
                    : Optional.of(EngineTransport.POLLING);
        }
        if (open.engine.getCurrentTransport() == Transport.WEBSOCKET) {
            return Optional.of(EngineTransport.WEBSOCKET);
        }
        return Optional.of(open.upgrading ? EngineTransport.UPGRADING : EngineTransport.POLLING);
    }

    @Override
    public void upgradeStarted(UUID engineSessionId) {
        OpenEngine open = openEngines.get(engineSessionId);
        if (open != null) {
            open.upgrading = true;
        }
    }

    /** @return the number of Engine.IO connections that have spoken Socket.IO */
    public int engineSessionCount() {
        return sessions.size();
    }

    private void handle(EngineSession session, SocketIoPacket packet) {
        if (!session.isOpen()) {
            // A client that said goodbye right before closing its transport left on purpose: its socket goes
            // now, not as a lost connection that connection state recovery would keep.
            if (packet.type() == com.medsync.realtime.server.socket.protocol.SocketIoPacketType.DISCONNECT) {
                disconnect(session, packet.namespace());
            }
            return;
        }
        switch (packet.type()) {
            case CONNECT -> connect(session, packet);
            case DISCONNECT -> disconnect(session, packet.namespace());
            case EVENT -> onEvent(session, packet);
            case ACK -> {
                // The server asks clients for no acknowledgements, so an ACK can only be stray.
                if (session.socket(packet.namespace()) == null) {
                    close(session, "ACK for namespace " + packet.namespace() + " without a socket there");
                }
            }
            default -> close(session, "unexpected packet " + packet.type());
        }
    }

    private void connect(EngineSession session, SocketIoPacket packet) {
        Optional<ServedNamespace> served = namespaces.find(packet.namespace());
        if (served.isEmpty()) {
            refuse(session, packet.namespace(), "Invalid namespace", "invalid namespace", false);
            return;
        }
        ServedNamespace namespace = served.get();
        if (session.socket(namespace.name()) != null) {
            // A second CONNECT replaces the socket, as the reference server does on reconnection.
            disconnect(session, namespace.name());
        }
        long started = System.nanoTime();
        Principal principal;
        Map<String, Object> auth = authPayload(packet.payload());
        try {
            principal = authenticator.authenticate(new EngineHandshake(namespace.name(), auth,
                    session.engine().getHandshakeData()));
            if (!Room.isValidId(principal.userId())) {
                throw new AuthenticationException("token subject is not a valid id");
            }
        } catch (AuthenticationException e) {
            handshakeTook(namespace, started, false);
            refuse(session, namespace.name(), "Authentication error: " + e.reason(), e.reason(), true);
            return;
        } catch (RuntimeException e) {
            log.error("Authenticator failed on a CONNECT to {}", namespace.name(), e);
            handshakeTook(namespace, started, false);
            refuse(session, namespace.name(), "Authentication error: internal error", "internal error", true);
            return;
        }
        if (!userConnections.tryAcquire(principal.userId())) {
            listeners.limited("connections-per-user");
            refuse(session, namespace.name(), "Too many connections for this user (at most "
                    + userConnections.max() + ")", "too many connections", true);
            return;
        }
        if (!session.isOpen() || namespaces.find(namespace.name()).orElse(null) != namespace) {
            userConnections.release(principal.userId());
            return;
        }
        SocketSession socket = opener.open(namespace, principal, auth, session.engine());
        session.attach(socket);
        handshakeTook(namespace, started, true);
        log.debug("Connected {}", socket);
        listeners.connected(socket);
    }

    private void refuse(EngineSession session, String namespace, String message, String reason, boolean served) {
        log.debug("Refused CONNECT to {}: {}", namespace, reason);
        session.engine().send(Packets.connectError(namespace, message));
        listeners.refused(namespace, reason, served);
    }

    private void handshakeTook(ServedNamespace namespace, long startedNanos, boolean accepted) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        listeners.handshake(namespace.name(), took, accepted);
    }

    private Map<String, Object> authPayload(JsonNode payload) {
        if (payload == null) {
            return Map.of();
        }
        return mapper.convertValue(payload, new TypeReference<Map<String, Object>>() { });
    }

    private void disconnect(EngineSession session, String namespace) {
        SocketSession socket = session.detach(namespace);
        if (socket != null) {
            removeSocket(socket, false);
        }
    }

    /** @param recoverable whether the socket lost its connection (rather than left or was sent away) */
    private void removeSocket(SocketSession socket, boolean recoverable) {
        java.util.Set<Room> rooms = java.util.Set.copyOf(socket.rooms());
        socket.servedNamespace().remove(socket);
        recovery.closed(socket, rooms, recoverable);
        userConnections.release(socket.principal().userId());
        log.debug("Disconnected {}", socket);
        listeners.disconnected(socket);
    }

    private void onEvent(EngineSession session, SocketIoPacket packet) {
        SocketSession socket = session.socket(packet.namespace());
        if (socket == null) {
            close(session, "event for namespace " + packet.namespace() + " without a socket there");
            return;
        }
        int refusedInARow = socket.admitEvent();
        if (refusedInARow > 0) {
            listeners.limited("client-events");
            if (refusedInARow >= limits.refusalsBeforeDisconnect()) {
                close(session, "kept sending over " + limits.clientEventsPerSecond() + " events a second");
                return;
            }
            new PacketAcknowledgement(socket, packet.ackId()).error(AckError.RATE_LIMITED, "more than "
                    + limits.clientEventsPerSecond() + " events a second; this one was dropped");
            return;
        }
        ArrayNode payload = (ArrayNode) packet.payload();
        ArrayNode args = mapper.createArrayNode();
        for (int i = 1; i < payload.size(); i++) {
            args.add(payload.get(i));
        }
        String name = payload.get(0).asText();
        listeners.clientEvent(socket, name);
        events.dispatch(new ClientEvent(socket, name, args, new PacketAcknowledgement(socket, packet.ackId())));
    }

    /** A served namespace went away: its sockets are told so and removed, other namespaces are untouched. */
    private void disconnectAll(ServedNamespace namespace) {
        for (SocketSession socket : namespace.sockets()) {
            EngineSession session = sessions.get(socket.engine().getSessionId());
            if (session == null) {
                continue;
            }
            session.tasks().executeAlways(() -> {
                if (session.detach(namespace.name()) != null) {
                    socket.send(Packets.disconnect(namespace.name()));
                    removeSocket(socket, false);
                }
            });
        }
    }

    /** Ends an Engine.IO connection that broke the protocol, as the reference server does. */
    private void close(EngineSession session, String reason) {
        log.debug("Closing connection {}: {}", session.engine().getSessionId(), reason);
        ClientHead engine = session.engine();
        ChannelFuture sent = engine.send(Packets.engineClose());
        if (sent != null) {
            sent.addListener(ChannelFutureListener.CLOSE);
        }
        engine.onChannelDisconnect();
    }

    private static final class OpenEngine {

        final ClientHead engine;
        final EngineHeartbeat heartbeat;
        volatile boolean upgrading;
        volatile boolean closing;

        OpenEngine(ClientHead engine, EngineHeartbeat heartbeat) {
            this.engine = engine;
            this.heartbeat = heartbeat;
        }
    }
}
