package com.medsync.realtime.spi.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import java.util.Set;

/**
 * One connected socket, as features see it. Its principal comes from the token and is the only identity
 * to trust; nothing a client sends can change it.
 */
public interface ClientSocket {

    /** @return the socket id the client sees as {@code socket.id} */
    String id();

    /** @return the namespace, such as {@code /patient-pharmacy} */
    String namespace();

    Principal principal();

    /** @return the rooms the socket is in now */
    Set<Room> rooms();

    /** @return whether the socket is in the room */
    boolean isIn(Room room);

    /**
     * Joins a room if the room-policy chain allows it.
     *
     * @return false when the policy refused, and nothing was joined
     */
    boolean join(Room room);

    /** @return true when the socket was in the room */
    boolean leave(Room room);

    /** Sends one event with one data argument to this socket only. */
    default void emit(String event, JsonNode data) {
        emit(event, new JsonNode[] {data});
    }

    /**
     * Sends one event with any number of arguments to this socket only, as {@code socket.emit(event, a, b)}
     * does in Socket.IO: the client's listener receives them as separate arguments.
     */
    void emit(String event, JsonNode... args);

    /**
     * Sends an event to the other members of a room on every served namespace (each namespace's
     * translation applies), never back to this socket.
     */
    void emitToOthersIn(Room room, String event, JsonNode data);
}
