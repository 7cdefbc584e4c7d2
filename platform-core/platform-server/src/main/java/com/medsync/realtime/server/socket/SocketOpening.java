package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.engine.Packets;
import com.medsync.realtime.server.socket.protocol.SocketIoPacket;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The CONNECT path of the gateway: a client asks for a socket on a namespace and gets one (authenticated, within
 * its user's connection limit, opened or recovered) or a CONNECT_ERROR saying why. An operator namespace decides
 * its CONNECTs alone and gets a bare socket.
 */
final class SocketOpening {

    private static final Logger log = LoggerFactory.getLogger(SocketOpening.class);

    private final NamespaceRegistry namespaces;
    private final ConnectAuthentication authentication;
    private final UserConnections userConnections;
    private final SocketRecovery recovery;
    private final SocketEvents listeners;
    private final LimitSettings limits;
    private final ObjectMapper mapper;
    /** Removes the socket a connection already has on a namespace, before a second CONNECT replaces it. */
    private final BiConsumer<EngineSession, String> replaced;

    /** What the sockets of operator namespaces get from the platform: no room, no broadcast. */
    private final SocketPlatform operatorSockets = new SocketPlatform() {
        @Override
        public boolean mayJoin(Principal principal, Room room) {
            return false;
        }

        @Override
        public void broadcast(OutboundEvent event) {
        }

        @Override
        public void left(SocketSession socket, Room room) {
        }

        @Override
        public void limited(String limit) {
            listeners.limited(limit);
        }
    };

    SocketOpening(NamespaceRegistry namespaces, ConnectAuthentication authentication, UserConnections userConnections,
            SocketRecovery recovery, SocketEvents listeners, LimitSettings limits, ObjectMapper mapper,
            BiConsumer<EngineSession, String> replaced) {
        this.namespaces = namespaces;
        this.authentication = authentication;
        this.userConnections = userConnections;
        this.recovery = recovery;
        this.listeners = listeners;
        this.limits = limits;
        this.mapper = mapper;
        this.replaced = replaced;
    }

    /** Handles a CONNECT, on the connection's queue. */
    void connect(EngineSession session, SocketIoPacket packet) {
        Optional<ServedNamespace> served = namespaces.find(packet.namespace());
        if (served.isEmpty()) {
            Optional<ServedNamespace> forOperators = namespaces.findForOperators(packet.namespace());
            if (forOperators.isPresent()) {
                connectOperator(session, packet, forOperators.get());
            } else {
                refuse(session, packet.namespace(), "Invalid namespace", "invalid namespace", false);
            }
            return;
        }
        ServedNamespace namespace = served.get();
        if (session.socket(namespace.name()) != null) {
            // A second CONNECT replaces the socket, as the reference server does on reconnection.
            replaced.accept(session, namespace.name());
        }
        long started = System.nanoTime();
        Map<String, Object> auth = authPayload(packet.payload());
        ConnectAuthentication.Outcome outcome = authentication.authenticate(
                session.connection().handshake(namespace.name(), auth));
        if (outcome instanceof ConnectAuthentication.Refused refused) {
            handshakeTook(namespace, started, false);
            refuse(session, namespace.name(), refused.message(), refused.reason(), true);
            return;
        }
        Principal principal = ((ConnectAuthentication.Accepted) outcome).principal();
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
        SocketSession socket = recovery.open(namespace, principal, auth, session.connection());
        session.attach(socket);
        handshakeTook(namespace, started, true);
        log.debug("Connected {}", socket);
        listeners.connected(socket);
    }

    /**
     * A CONNECT to an operator namespace: decided by that namespace alone, and the socket is a bare one (no room,
     * no recovery, no user's connection count, not told to listeners or plugins).
     */
    private void connectOperator(EngineSession session, SocketIoPacket packet, ServedNamespace namespace) {
        OperatorNamespace operator = namespace.operator().orElseThrow();
        if (session.socket(namespace.name()) != null) {
            replaced.accept(session, namespace.name());
        }
        Map<String, Object> auth = authPayload(packet.payload());
        Principal principal;
        try {
            principal = operator.authenticate(session.connection().handshake(namespace.name(), auth));
        } catch (AuthenticationException e) {
            refuse(session, namespace.name(), e.reason(), "refused by the operator namespace", true);
            return;
        } catch (RuntimeException e) {
            log.error("Operator namespace {} failed on a CONNECT", namespace.name(), e);
            refuse(session, namespace.name(), "internal error", "internal error", true);
            return;
        }
        if (!session.isOpen() || namespaces.findForOperators(namespace.name()).orElse(null) != namespace) {
            return;
        }
        SocketSession socket = new SocketSession(namespace, principal, session.connection(), operatorSockets, limits);
        namespace.add(socket);
        session.attach(socket);
        socket.sendConnected(Optional.empty());
        log.debug("Connected {}", socket);
        try {
            operator.onConnect(socket, auth);
        } catch (RuntimeException e) {
            log.error("Operator namespace {} failed on the connection of {}", namespace.name(), socket, e);
        }
    }

    private void refuse(EngineSession session, String namespace, String message, String reason, boolean served) {
        log.debug("Refused CONNECT to {}: {}", namespace, reason);
        session.connection().send(Packets.connectError(namespace, message));
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
}
