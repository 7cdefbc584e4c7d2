package com.medsync.realtime.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.socket.ClientEventRouter;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;

import java.util.Optional;

/**
 * The client events {@code join {room}} and {@code leave {room}}. Room names are checked against the
 * grammar, joins against the policy chain; a refused join never joins.
 */
public final class RoomCommands {

    static final String GRAMMAR = "pharmacy:, chat:, dispatch: or user: followed by [A-Za-z0-9_-]{1,128}";

    private RoomCommands() {
    }

    public static void registerOn(ClientEventRouter router) {
        router.register("join", RoomCommands::join);
        router.register("leave", RoomCommands::leave);
    }

    private static void join(ClientEvent event) {
        Optional<Room> room = requestedRoom(event);
        if (room.isEmpty()) {
            return;
        }
        if (!event.socket().join(room.get())) {
            boolean full = event.socket() instanceof SocketSession socket && !socket.hasRoomFor(room.get());
            event.ack().error(AckError.FORBIDDEN, full ? "this socket is in as many rooms as it may be; leave one first"
                    : "not allowed to join " + room.get().name());
            return;
        }
        event.ack().ok();
    }

    private static void leave(ClientEvent event) {
        requestedRoom(event).ifPresent(room -> {
            event.socket().leave(room);
            event.ack().ok();
        });
    }

    /** @return the room asked for, or empty after answering the client with what is wrong */
    private static Optional<Room> requestedRoom(ClientEvent event) {
        JsonNode name = event.firstArg().path("room");
        if (!name.isTextual()) {
            event.ack().error(AckError.BAD_REQUEST, event.name() + " needs {room: string}");
            return Optional.empty();
        }
        Optional<Room> room = Room.parse(name.asText());
        if (room.isEmpty()) {
            event.ack().error(AckError.INVALID_ROOM, "'" + abbreviate(name.asText()) + "' is not a room name ("
                    + GRAMMAR + ")");
        }
        return room;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
