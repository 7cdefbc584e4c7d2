package com.medsync.realtime.server.recovery;

import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.delivery.CatchUp;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.recovery.ConnectionRecovery.Claim;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketPlatform;
import com.medsync.realtime.server.socket.SocketRecovery;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.server.socket.engine.EngineConnection;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the socket an authenticated CONNECT asked for: a fresh one, or, when the client recovers a session
 * it may recover, the socket it had, with its id and rooms, and the events it missed sent in order before
 * any new one. Either way the socket is in its namespace and rooms and its client has the CONNECT answer.
 */
public final class RecoveringSocketOpener implements SocketRecovery {

    private static final Logger log = LoggerFactory.getLogger(RecoveringSocketOpener.class);

    private final ConnectionRecovery recovery;
    private final SocketPlatform platform;
    private final LimitSettings limits;

    public RecoveringSocketOpener(ConnectionRecovery recovery, SocketPlatform platform, LimitSettings limits) {
        this.recovery = recovery;
        this.platform = platform;
        this.limits = limits;
    }

    /** Runs on the connection's serial queue, so no packet of the client is handled meanwhile. */
    @Override
    public SocketSession open(ServedNamespace namespace, Principal principal, Map<String, Object> auth,
            EngineConnection connection) {
        Optional<Claim> claim = recovery.claim(auth, principal, namespace.name());
        if (claim.isPresent()) {
            Optional<SocketSession> restored = restore(claim.get(), namespace, principal, connection);
            if (restored.isPresent()) {
                return restored.get();
            }
        }
        SocketSession socket = new SocketSession(namespace, principal, connection, platform, limits);
        enter(namespace, socket);
        Optional<String> pid = recovery.newPid();
        recovery.opened(socket, pid);
        // Through the connection: it remembers the WebSocket its packets go out on, so even the first event is batched.
        socket.sendConnected(pid);
        return socket;
    }

    /**
     * Live deliveries are held back from the moment the socket joins its rooms; the missed events are read
     * after that, so every event is either in the replay or held, and the hold drops what the replay carried.
     */
    private Optional<SocketSession> restore(Claim claim, ServedNamespace namespace, Principal principal,
            EngineConnection connection) {
        // The client is back before this node noticed its old connection was lost (it left a network, say): that
        // connection goes now, and the restored socket takes the id; the old socket's late removal leaves it be.
        namespace.socket(claim.session().socketId())
                .ifPresent(stale -> stale.closeConnection("its client recovered the socket on a new connection"));
        SocketSession socket = new SocketSession(claim.session().socketId(), namespace, principal, connection, platform,
                limits);
        CatchUp hold = recovery.hold(socket);
        Optional<List<SequencedEvent>> missed;
        Optional<List<EncodedPacket>> replay;
        try {
            enter(namespace, socket);
            for (Room room : claim.session().rooms()) {
                // The room policy decides again: the new token may grant less than the one the rooms were joined with.
                if (!socket.isIn(room) && !socket.join(room)) {
                    log.debug("Recovered {} without room {}: no longer allowed", socket, room);
                }
            }
            missed = recovery.missed(claim);
            replay = missed.flatMap(events -> recovery.replayFor(hold, claim, events, limits.outboundQueue()));
        } catch (RuntimeException e) {
            // Never leave a half-restored socket in rooms, or its hold on delivery behind.
            namespace.remove(socket);
            recovery.cancel(hold);
            throw e;
        }
        if (replay.isEmpty()) {
            namespace.remove(socket);
            recovery.cancel(hold);
            log.debug("Session of {} cannot be recovered: {}", socket, missed.isEmpty()
                    ? "its events are no longer held" : "it missed more than the outbound queue holds");
            return Optional.empty();
        }
        recovery.opened(socket, claim);
        recovery.complete(hold, claim, missed.get(), replay.get());
        log.debug("Recovered {} with {} missed events", socket, replay.get().size());
        return Optional.of(socket);
    }

    @Override
    public void closed(SocketSession socket, Set<Room> rooms, boolean recoverable) {
        recovery.closed(socket, rooms, recoverable);
    }

    /** Adds a socket to its namespace and its automatic rooms. */
    private static void enter(ServedNamespace namespace, SocketSession socket) {
        Principal principal = socket.principal();
        namespace.add(socket);
        namespace.join(socket, Room.user(principal.userId()));
        principal.pharmacyId().ifPresent(pharmacyId -> namespace.join(socket, Room.pharmacy(pharmacyId)));
    }
}
