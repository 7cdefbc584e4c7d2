package com.medsync.realtime.server.socket;

import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.socket.engine.Packets;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace the platform serves right now: its sockets, its rooms, and how canonical events are
 * translated for its clients.
 */
public final class ServedNamespace {

    private static final Logger log = LoggerFactory.getLogger(ServedNamespace.class);

    /** Tells nobody: for namespaces nobody watches. */
    static final RoomChangeListener NO_ONE = new RoomChangeListener() {
        @Override
        public void joined(SocketSession socket, Room room) {
        }

        @Override
        public void left(SocketSession socket, Room room) {
        }
    };

    private final String name;
    private final EventTranslator translator;
    private final RoomChangeListener roomChanges;
    /** Set when this is an operator namespace, whose sockets the gateway handles apart. */
    private final OperatorNamespace operator;
    private final Map<String, SocketSession> sockets = new ConcurrentHashMap<>();
    private final RoomMembership rooms = new RoomMembership();

    public ServedNamespace(String name, EventTranslator translator) {
        this(name, translator, NO_ONE, null);
    }

    ServedNamespace(String name, EventTranslator translator, RoomChangeListener roomChanges,
            OperatorNamespace operator) {
        NamespaceName.problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("namespace '" + name + "' " + problem);
        });
        this.name = name;
        this.translator = translator;
        this.roomChanges = roomChanges;
        this.operator = operator;
    }

    /** @return the operator namespace this is, when it is one (see {@link OperatorNamespace}) */
    Optional<OperatorNamespace> operator() {
        return Optional.ofNullable(operator);
    }

    public String name() {
        return name;
    }

    /**
     * This namespace's packet for an event, built once for all of its recipients here.
     *
     * @param args the event's arguments, as JSON values or anything Jackson writes
     */
    public EncodedPacket encode(String event, List<?> args) {
        return Packets.event(name, event, args);
    }

    public EventTranslator translator() {
        return translator;
    }

    public int socketCount() {
        return sockets.size();
    }

    public int roomCount() {
        return rooms.roomCount();
    }

    public Collection<SocketSession> sockets() {
        return Collections.unmodifiableCollection(sockets.values());
    }

    public Collection<SocketSession> members(Room room) {
        return rooms.members(room);
    }

    /** Tells {@code room} of every room that has members now, with how many; in no particular order. */
    public void forEachRoom(ObjIntConsumer<Room> room) {
        rooms.forEachRoom(room);
    }

    /** @return true when the socket was not yet in the room */
    public boolean join(SocketSession socket, Room room) {
        boolean joined = rooms.join(socket, room);
        if (joined) {
            tell(socket, room, true);
        }
        return joined;
    }

    /** @return true when the socket was in the room */
    public boolean leave(SocketSession socket, Room room) {
        boolean left = rooms.leave(socket, room);
        if (left) {
            tell(socket, room, false);
        }
        return left;
    }

    /** A listener's failure must never undo or block a join or a leave. */
    private void tell(SocketSession socket, Room room, boolean joined) {
        try {
            if (joined) {
                roomChanges.joined(socket, room);
            } else {
                roomChanges.left(socket, room);
            }
        } catch (RuntimeException e) {
            log.error("Room listener failed on {} {} {}", socket, joined ? "joining" : "leaving", room, e);
        }
    }

    public void add(SocketSession socket) {
        sockets.put(socket.id(), socket);
    }

    public void remove(SocketSession socket) {
        for (Room room : Set.copyOf(socket.rooms())) {
            leave(socket, room);
        }
        // Only this very socket: a recovered one may hold its id already (see #socket(String)).
        sockets.remove(socket.id(), socket);
    }

    /**
     * @return the socket open here under {@code id}: after a recovery on this node, the one that replaced a
     *     socket whose lost connection had not been noticed yet
     */
    public Optional<SocketSession> socket(String id) {
        return Optional.ofNullable(sockets.get(id));
    }
}
