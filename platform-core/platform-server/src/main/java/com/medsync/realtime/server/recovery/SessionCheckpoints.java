package com.medsync.realtime.server.recovery;

import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session of every socket open on this node, kept in the store while the socket lives: written when it
 * opens and when its rooms change, and refreshed before it expires, not only saved when the connection is lost.
 * A node that is killed outright, or whose client comes back elsewhere before this node has noticed the
 * connection is gone, still leaves the session behind for its client to recover on another node.
 *
 * <p>Each write is a compare-and-set on what this node wrote last: once another node has taken the session,
 * this node never writes it again, so a late save cannot bring back a session that was restored.
 */
final class SessionCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(SessionCheckpoints.class);

    private final SessionStore sessions;
    private final Map<SocketSession, Checkpoint> open = new ConcurrentHashMap<>();

    /** One socket's session as last written; {@code written} empty once the session is no longer ours. */
    private static final class Checkpoint {
        final String pid;
        final Optional<String> resumeOffset;
        /** This socket's incarnation: the same session restored on another node is written under another. */
        final Optional<String> writer = Optional.of(UUID.randomUUID().toString());
        volatile Optional<String> written = Optional.empty();
        /** The rooms in what was last written. */
        volatile Set<Room> writtenRooms = Set.of();
        volatile boolean lost;

        Checkpoint(String pid, Optional<String> resumeOffset) {
            this.pid = pid;
            this.resumeOffset = resumeOffset;
        }
    }

    SessionCheckpoints(SessionStore sessions) {
        this.sessions = sessions;
    }

    /**
     * A socket opened under {@code pid}, with its rooms joined.
     *
     * @param resumeOffset where a replay for its client starts should the client name no offset (it received
     *                     nothing): the log's position when the socket opened
     */
    void opened(SocketSession socket, String pid, Optional<String> resumeOffset) {
        Checkpoint checkpoint = new Checkpoint(pid, resumeOffset);
        open.put(socket, checkpoint);
        write(socket, checkpoint, socket.rooms());
    }

    /** The socket joined or left a room. Called on its serial queue, like {@link #closed}. */
    void roomsChanged(SocketSession socket) {
        Checkpoint checkpoint = open.get(socket);
        if (checkpoint != null) {
            write(socket, checkpoint, socket.rooms());
        }
    }

    /**
     * The socket is gone: its session is saved for its client (with the rooms it was in and where a replay
     * starts), or removed when it left on purpose; unless another node took it meanwhile.
     */
    void closed(SocketSession socket, Set<Room> rooms, boolean recoverable,
            Optional<String> resumeOffset) {
        Checkpoint checkpoint = open.remove(socket);
        if (checkpoint == null || checkpoint.lost) {
            return;
        }
        try {
            if (recoverable && checkpoint.written.isPresent() && checkpoint.writtenRooms.equals(rooms)) {
                // Already in the store as the client will want it: its client names the last offset it got, or
                // got nothing since the offset written when the socket opened. Nothing to write on the way out,
                // which keeps a node closing thousands of sockets at once quick.
                return;
            }
            if (recoverable) {
                Optional<String> saved = sessions.write(checkpoint.pid, session(socket, rooms, resumeOffset),
                        checkpoint.writer, checkpoint.written);
                if (saved.isEmpty()) {
                    log.debug("Session of {} was taken by another node before it was saved here", socket);
                }
            } else {
                checkpoint.written.ifPresent(written -> sessions.discard(checkpoint.pid, written));
            }
        } catch (RuntimeException e) {
            log.warn("Cannot save the session of {} for recovery: {}", socket, e.toString());
        }
    }

    /** Writes every open socket's session again, so that none expires while its socket lives. */
    void refresh() {
        open.forEach((socket, checkpoint) -> write(socket, checkpoint, socket.rooms()));
    }

    private void write(SocketSession socket, Checkpoint checkpoint, Set<Room> rooms) {
        if (checkpoint.lost) {
            return;
        }
        // One writer at a time per socket: the refresh thread and the socket's serial queue both write.
        synchronized (checkpoint) {
            try {
                Optional<String> written = sessions.write(checkpoint.pid,
                        session(socket, rooms, checkpoint.resumeOffset), checkpoint.writer, checkpoint.written);
                if (written.isPresent()) {
                    checkpoint.written = written;
                    checkpoint.writtenRooms = Set.copyOf(rooms);
                } else {
                    checkpoint.lost = true;
                    log.debug("Session of {} was taken by another node; this node no longer keeps it", socket);
                }
            } catch (RuntimeException e) {
                // The store is down: the next write (a room change, the refresh, the close) tries again.
                log.debug("Cannot keep the session of {}: {}", socket, e.toString());
            }
        }
    }

    private static SavedSession session(SocketSession socket, Set<Room> rooms,
            Optional<String> resumeOffset) {
        return new SavedSession(socket.id(), socket.principal().userId(), socket.namespace(), rooms, resumeOffset);
    }
}
