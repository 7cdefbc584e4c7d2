package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;

import java.util.Optional;

/**
 * Reads the {@code {roomId}} that the chat client events carry. Client payloads are untrusted: a mistake is
 * answered through the acknowledgement, with the same codes as the platform's {@code join}.
 */
final class ChatRequests {

    private ChatRequests() {
    }

    /**
     * @return the chat room named by the payload's {@code roomId}, or empty after answering the client with
     *     {@code BAD_REQUEST} (not {@code {roomId: string}}) or {@code INVALID_ROOM} (not a room id)
     */
    static Optional<Room> chatRoom(ClientEvent event, String expected) {
        JsonNode payload = event.firstArg();
        JsonNode roomId = payload.isObject() ? payload.path("roomId") : null;
        if (roomId == null || !roomId.isTextual()) {
            event.ack().error(AckError.BAD_REQUEST, event.name() + " needs " + expected);
            return Optional.empty();
        }
        if (!Room.isValidId(roomId.textValue())) {
            event.ack().error(AckError.INVALID_ROOM, "'" + abbreviate(roomId.textValue())
                    + "' is not a room id ([A-Za-z0-9_-]{1,128})");
            return Optional.empty();
        }
        return Optional.of(Room.chat(roomId.textValue()));
    }

    /** Keeps an attacker's megabyte of room id out of the answer. */
    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
