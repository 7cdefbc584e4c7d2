package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.CatchUp;
import com.medsync.realtime.server.delivery.LocalDelivery;
import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.store.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Socket.IO connection state recovery (protocol of socket.io 4.6): a socket that loses its connection
 * leaves a saved session behind for the recovery window; a client that reconnects in time with the
 * session's private id gets the same socket id, its rooms, and every event it missed, in order.
 *
 * <p>Sessions live in the platform key-value store and missed events come from the broker's log, so with a
 * shared store and broker a client recovers on any node. Unlike the reference server's default, the token
 * is verified again: recovery happens only after a normal successful authentication, for the same user on
 * the same namespace.
 */
public final class ConnectionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRecovery.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean enabled;
    private final SessionStore sessions;
    private final Broker broker;
    private final LocalDelivery delivery;
    /** Told the outcome of each CONNECT that asked to recover: "recovered" or "fresh" (for metrics). */
    private final Consumer<String> outcomes;
    /** The session of each socket open on this node (recovery on), kept in the store while it lives. */
    private final SessionCheckpoints checkpoints;

    /**
     * @param window   how long a session stays recoverable after its connection was lost
     * @param outcomes told "recovered" or "fresh" for each CONNECT that asked to recover
     */
    public ConnectionRecovery(boolean enabled, Duration window, KeyValueStore store, Broker broker,
            LocalDelivery delivery, ObjectMapper mapper, Consumer<String> outcomes) {
        this.enabled = enabled;
        // Written again every window / 4 while the socket lives, so it outlives a node killed outright by a window.
        this.sessions = new SessionStore(store, window.plus(refreshInterval(window)), mapper);
        this.checkpoints = new SessionCheckpoints(sessions);
        this.broker = broker;
        this.delivery = delivery;
        this.outcomes = outcomes;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes the saved session a CONNECT's auth payload asks for, when it may be recovered: it exists (within
     * the window, not yet restored), and belongs to the authenticated user on this namespace.
     */
    public Optional<Claim> claim(Map<String, Object> auth, Principal principal, String namespace) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<RecoveryRequest> request = RecoveryRequest.from(auth);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        String pid = request.get().pid();
        Optional<SavedSession> saved = sessions.take(pid, session -> {
            boolean same = session.userId().equals(principal.userId()) && session.namespace().equals(namespace);
            if (!same) {
                log.info("Refused to recover session of {} on {} for {} on {}", session.userId(),
                        session.namespace(), principal.userId(), namespace);
            }
            return same;
        });
        if (saved.isEmpty()) {
            outcomes.accept("fresh");
            return Optional.empty();
        }
        Optional<String> resumeFrom = request.get().offset().or(() -> saved.get().resumeOffset());
        return Optional.of(new Claim(pid, saved.get(), resumeFrom));
    }

    /** @return a new private session id for a fresh socket, empty when recovery is off */
    public Optional<String> newPid() {
        if (!enabled) {
            return Optional.empty();
        }
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Holds live deliveries to a socket being restored until {@link #replay} or {@link #cancel}. */
    public CatchUp hold(SocketSession socket) {
        return delivery.hold(socket);
    }

    /**
     * The events a restored socket missed, when the broker still has them all.
     *
     * @return empty when the recovery cannot be honoured (unknown or trimmed offset, broker unreachable)
     */
    public Optional<List<SequencedEvent>> missed(Claim claim) {
        if (claim.resumeFrom().isEmpty()) {
            return Optional.empty();
        }
        try {
            return broker.eventsAfter(claim.resumeFrom().get());
        } catch (RuntimeException e) {
            log.warn("Cannot read missed events for a recovery: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * What replays, for a held socket, the missed events that reach it.
     *
     * @return empty when that is more than {@code maxPackets}: a client sent that many at once would be cut off
     *     as a slow consumer, and come back for the same replay
     */
    public Optional<List<EncodedPacket>> replayFor(CatchUp hold, Claim claim, List<SequencedEvent> missed, int maxPackets) {
        return delivery.replayPackets(hold, claim.resumeFrom(), missed, maxPackets);
    }

    /**
     * Sends a held, restored socket its CONNECT answer and its replay, then lets live deliveries through again.
     * The recovery is counted first: whoever sees the client connected must also see it counted.
     */
    public void complete(CatchUp hold, Claim claim, List<SequencedEvent> missed, List<EncodedPacket> replay) {
        outcomes.accept("recovered");
        hold.socket().sendConnected(Optional.of(claim.pid()));
        replay.forEach(hold.socket()::send);
        String through = missed.isEmpty() ? claim.resumeFrom().orElseThrow() : missed.get(missed.size() - 1).offset();
        delivery.release(hold, through);
    }

    /** The restore of a claimed session could not be completed: the client gets a fresh connection. */
    public void cancel(CatchUp hold) {
        delivery.cancel(hold);
        outcomes.accept("fresh");
    }

    /** A fresh socket is open on this node under a private session id (none when recovery is off). */
    public void opened(SocketSession socket, Optional<String> pid) {
        pid.ifPresent(id -> checkpoints.opened(socket, id, delivery.position()));
        socket.whenRoomsChange(checkpoints::roomsChanged);
    }

    /** A restored socket is open on this node again, under its claimed session. */
    public void opened(SocketSession socket, Claim claim) {
        checkpoints.opened(socket, claim.pid(), claim.resumeFrom());
        socket.whenRoomsChange(checkpoints::roomsChanged);
    }

    /**
     * A socket is gone, after leaving its rooms; when it lost its connection (rather than leaving on
     * purpose), its session is saved for its client to recover.
     *
     * @param rooms the rooms it was in
     */
    public void closed(SocketSession socket, Set<Room> rooms, boolean recoverable) {
        Optional<String> resumeOffset = delivery.forget(socket);
        if (enabled) {
            checkpoints.closed(socket, rooms, recoverable, resumeOffset);
        }
    }

    /** Writes the session of every open socket again; run every {@link #refreshInterval}. */
    public void refreshSessions() {
        checkpoints.refresh();
    }

    /** @return how often the sessions of open sockets are written again */
    public static Duration refreshInterval(Duration window) {
        return window.dividedBy(4);
    }

    /**
     * A saved session taken for a CONNECT.
     *
     * @param resumeFrom the offset the replay starts after: the client's, else the one saved with the session
     */
    public record Claim(String pid, SavedSession session, Optional<String> resumeFrom) {
    }
}
