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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;

/**
 * A namespace the platform serves right now: its sockets, its rooms, and how canonical events are
 * translated for its clients.
 */
public final class ServedNamespace {

    private final String name;
    private final EventTranslator translator;
    private final Map<String, SocketSession> sockets = new ConcurrentHashMap<>();
    private final RoomMembership rooms = new RoomMembership();

    public ServedNamespace(String name, EventTranslator translator) {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("namespace must start with /: " + name);
        }
        this.name = name;
        this.translator = translator;
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
        return rooms.join(socket, room);
    }

    /** @return true when the socket was in the room */
    public boolean leave(SocketSession socket, Room room) {
        return rooms.leave(socket, room);
    }

    public void add(SocketSession socket) {
        sockets.put(socket.id(), socket);
    }

    public void remove(SocketSession socket) {
        rooms.leaveAll(socket);
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
