package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.socket.engine.EngineConnection;
import com.medsync.realtime.server.socket.engine.EngineListener;
import com.medsync.realtime.server.socket.engine.Packets;
import com.medsync.realtime.server.socket.protocol.BinaryReassembly;
import com.medsync.realtime.server.socket.protocol.MalformedPacketException;
import com.medsync.realtime.server.socket.protocol.SocketIoPacket;
import com.medsync.realtime.server.socket.protocol.SocketIoPacketParser;
import com.medsync.realtime.server.socket.protocol.SocketIoPacketType;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything Socket.IO (protocol 5) above Engine.IO: namespace CONNECT with authentication, DISCONNECT,
 * and client events. The engine ({@code socket.engine}) keeps the transports (polling, WebSocket, upgrade,
 * heartbeats); this class owns who is connected to what.
 *
 * <p>Three rules close the gaps netty-socketio leaves: a socket exists only after its CONNECT was
 * authenticated (no auth payload means no token, not a free pass); a packet for a namespace the client has
 * no socket on closes the connection, as the reference server does; and nothing happens for a namespace
 * that is not served, whatever the client asks.
 */
public final class SocketGateway implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(SocketGateway.class);

    /** Packets one connection may have waiting before it is cut off for flooding. */
    private static final int MAX_PENDING_PACKETS = 256;
    /** How long a connection an operator ends waits for its polling client to take its last packets. */
    private static final Duration OPERATOR_CLOSE_WAIT = Duration.ofSeconds(1);

    private final NamespaceRegistry namespaces;
    private final SocketOpening opening;
    private final ClientEventRouter events;
    private final SocketEvents listeners;
    private final Executor handlerPool;
    private final ObjectMapper mapper;
    private final SocketIoPacketParser parser = new SocketIoPacketParser();
    private final Map<UUID, EngineSession> sessions = new ConcurrentHashMap<>();
    /** Closed connections whose sockets are still being removed (and their sessions saved for recovery). */
    private final AtomicInteger removing = new AtomicInteger();
    private final LimitSettings limits;
    private final UserConnections userConnections;
    private final SocketRecovery recovery;

    public SocketGateway(NamespaceRegistry namespaces, Authenticator authenticator, ClientEventRouter events,
            SocketEvents listeners, LimitSettings limits, Executor handlerPool, ObjectMapper mapper,
            SocketRecovery recovery) {
        this.limits = limits;
        this.recovery = recovery;
        this.userConnections = new UserConnections(limits.connectionsPerUser());
        this.namespaces = namespaces;
        this.opening = new SocketOpening(namespaces, new ConnectAuthentication(authenticator), userConnections,
                recovery, listeners, limits, mapper, this::disconnect);
        this.events = events;
        this.listeners = listeners;
        this.handlerPool = handlerPool;
        this.mapper = mapper;
        namespaces.onRemoval(this::disconnectAll);
    }

    /** A Socket.IO packet arrived (on a connection thread): parse it here, handle it on the connection's queue. */
    @Override
    public void onPacket(EngineConnection connection, String text) {
        EngineSession session = sessionOf(connection);
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

    /** A binary message arrived (on a connection thread): the next attachment of the packet being received. */
    @Override
    public void onAttachment(EngineConnection connection, byte[] attachment) {
        EngineSession session = sessionOf(connection);
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

    /** Connections that never authenticate are closed, so they do not hold resources. */
    @Override
    public void onConnectDeadline(EngineConnection connection, Duration timeout) {
        EngineSession session = sessions.get(connection.id());
        if (session == null || !session.hasSockets()) {
            listeners.limited("connect-timeout");
            connection.close("no authenticated CONNECT within " + timeout);
        }
    }

    /**
     * The session of a connection, registered while the connection is open: a packet that arrives after its
     * connection closed gets a session that is not kept (and handles nothing), so none outlives its connection.
     */
    private EngineSession sessionOf(EngineConnection connection) {
        EngineSession known = sessions.get(connection.id());
        if (known != null) {
            return known;
        }
        if (!connection.isConnected()) {
            return newSession(connection);
        }
        EngineSession session = sessions.computeIfAbsent(connection.id(), id -> newSession(connection));
        if (!connection.isConnected() && sessions.remove(connection.id(), session)) {
            // Closed meanwhile, maybe after onClosed ran: this session would never be removed.
            session.markClosed();
        }
        return session;
    }

    private EngineSession newSession(EngineConnection connection) {
        return new EngineSession(connection, new SerialExecutor(handlerPool, MAX_PENDING_PACKETS));
    }

    /** The Engine.IO connection is gone: its sockets leave their rooms and namespaces. */
    @Override
    public void onClosed(UUID connectionId) {
        EngineSession session = sessions.remove(connectionId);
        if (session == null) {
            return;
        }
        session.markClosed();
        // Queued after whatever the connection still had pending, so a CONNECT in flight cannot leak a socket.
        // A lost connection leaves its sockets recoverable.
        removing.incrementAndGet();
        session.tasks().executeAlways(() -> {
            try {
                session.detachAll().forEach(socket -> removeSocket(socket, DisconnectReason.TRANSPORT_CLOSE));
            } finally {
                removing.decrementAndGet();
            }
        });
    }

    /**
     * Waits until every connection is closed and its sockets removed, their sessions saved for recovery: a
     * stopping node must not close its store under the saves of the clients it just closed.
     *
     * @return false when that took longer than {@code timeout}
     */
    public boolean awaitAllClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sessions.isEmpty() || removing.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** @return the number of Engine.IO connections that have spoken Socket.IO */
    public int engineSessionCount() {
        return sessions.size();
    }

    private void handle(EngineSession session, SocketIoPacket packet) {
        if (!session.isOpen()) {
            // A client that said goodbye right before closing its transport left on purpose: its socket goes
            // now, not as a lost connection that connection state recovery would keep.
            if (packet.type() == SocketIoPacketType.DISCONNECT) {
                disconnect(session, packet.namespace());
            }
            return;
        }
        switch (packet.type()) {
            case CONNECT -> opening.connect(session, packet);
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

    private void disconnect(EngineSession session, String namespace) {
        SocketSession socket = session.detach(namespace);
        if (socket != null) {
            removeSocket(socket, DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        }
    }

    /**
     * Sends a socket away, as Socket.IO's {@code socket.disconnect(close)} does: the client gets a DISCONNECT
     * ("io server disconnect", it does not reconnect on its own) and the socket is removed, not recoverable. With
     * {@code closeConnection}, every other socket of its connection goes the same way and the connection is closed.
     * Runs on the connection's queue, after what it has pending; a socket already gone is left be.
     *
     * @return completes with whether {@code socket} was still open and was sent away
     */
    public CompletableFuture<Boolean> disconnect(SocketSession socket, boolean closeConnection) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        EngineSession session = sessions.get(socket.connection().id());
        if (session == null) {
            done.complete(false);
            return done;
        }
        session.tasks().executeAlways(() -> {
            try {
                boolean sentAway = false;
                List<SocketSession> leaving = closeConnection ? List.copyOf(session.sockets()) : List.of(socket);
                for (SocketSession each : leaving) {
                    // Only this very socket: the client may have replaced it with a new CONNECT meanwhile.
                    if (session.detach(each.namespace(), each)) {
                        each.send(Packets.disconnect(each.namespace()));
                        removeSocket(each, DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
                        sentAway |= each == socket;
                    }
                }
                if (closeConnection) {
                    // After the DISCONNECTs just queued: a polling client takes them before the close packet, and
                    // reports "io server disconnect" rather than a failed poll.
                    session.markClosed();
                    session.connection().closeAfterQueuedPackets("disconnected by an operator", OPERATOR_CLOSE_WAIT);
                }
                done.complete(sentAway);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
        });
        return done;
    }

    /**
     * Sends one socket away as the reference server's {@code socket.disconnect(true)} does for a namespace: other
     * sockets of the same connection stay.
     *
     * @return completes with whether the socket was still open and was sent away
     */
    public CompletableFuture<Boolean> disconnect(SocketSession socket) {
        return disconnect(socket, false);
    }

    private void removeSocket(SocketSession socket, DisconnectReason reason) {
        Optional<OperatorNamespace> operator = socket.servedNamespace().operator();
        // Taken before the socket leaves them: a lost socket's session keeps its rooms for recovery.
        Set<Room> rooms = Set.copyOf(socket.rooms());
        socket.servedNamespace().remove(socket);
        log.debug("Disconnected {} ({})", socket, reason.wireName());
        if (operator.isPresent()) {
            try {
                operator.get().onDisconnect(socket);
            } catch (RuntimeException e) {
                log.error("Operator namespace {} failed on the disconnection of {}", socket.namespace(), socket, e);
            }
            return;
        }
        // A socket that lost its connection (rather than left or was sent away) keeps its session for recovery.
        recovery.closed(socket, rooms, reason == DisconnectReason.TRANSPORT_CLOSE);
        userConnections.release(socket.principal().userId());
        listeners.disconnected(socket, reason);
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
        ClientEvent event = new ClientEvent(socket, name, args, new PacketAcknowledgement(socket, packet.ackId()));
        Optional<OperatorNamespace> operator = socket.servedNamespace().operator();
        if (operator.isPresent()) {
            try {
                operator.get().onEvent(event);
            } catch (RuntimeException e) {
                log.error("Operator namespace {} failed on event '{}' of {}", socket.namespace(), name, socket, e);
                event.ack().error(AckError.INTERNAL, "the server could not handle '" + name + "'");
            }
            return;
        }
        listeners.clientEvent(socket, name, args);
        events.dispatch(event);
    }

    /** A served namespace went away: its sockets are told so and removed, other namespaces are untouched. */
    private void disconnectAll(ServedNamespace namespace) {
        for (SocketSession socket : namespace.sockets()) {
            EngineSession session = sessions.get(socket.connection().id());
            if (session == null) {
                continue;
            }
            session.tasks().executeAlways(() -> {
                if (session.detach(namespace.name()) != null) {
                    socket.send(Packets.disconnect(namespace.name()));
                    removeSocket(socket, DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
                }
            });
        }
    }

    /** The connection is on its WebSocket now: listeners hear it for each of its sockets, after its CONNECTs. */
    @Override
    public void onUpgraded(EngineConnection connection) {
        EngineSession session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        try {
            session.tasks().execute(() -> session.sockets().stream()
                    .filter(socket -> socket.servedNamespace().operator().isEmpty())
                    .forEach(listeners::upgraded));
        } catch (RejectedExecutionException e) {
            // The connection is being cut off for flooding: nobody needs to hear about its transport.
        }
    }

    /** Ends an Engine.IO connection that broke the protocol, as the reference server does. */
    private void close(EngineSession session, String reason) {
        // Until the engine forgets the connection (after its close packet is written), queued packets are not handled.
        session.markClosed();
        session.connection().close(reason);
    }
}
