package com.medsync.realtime.plugins.chat;

import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;

import java.util.Optional;

/**
 * The client events {@code chat:join {roomId}} and {@code chat:leave {roomId}}: the platform's
 * {@code join}/{@code leave} for the room {@code chat:{roomId}}. Whether a join is allowed is the platform's
 * room policy's decision (the token's {@code rooms} claim, the backend callback), never this plugin's.
 */
final class ChatRoomCommands {

    static final String JOIN = "chat:join";
    static final String LEAVE = "chat:leave";

    private final TypingIndicators typing;

    ChatRoomCommands(TypingIndicators typing) {
        this.typing = typing;
    }

    /** Joins, answering {@code {ok: true}}, or {@code FORBIDDEN} when the policy refuses (nothing is joined). */
    void join(ClientEvent event) {
        Optional<Room> room = ChatRequests.chatRoom(event, "{roomId: string}");
        if (room.isEmpty()) {
            return;
        }
        if (!event.socket().join(room.get())) {
            event.ack().error(AckError.FORBIDDEN, "not allowed to join " + room.get().name());
            return;
        }
        event.ack().ok();
    }

    /** Leaves (answering {@code {ok: true}} also when the socket was not in the room) and ends its typing. */
    void leave(ClientEvent event) {
        ChatRequests.chatRoom(event, "{roomId: string}").ifPresent(room -> {
            event.socket().leave(room);
            // The platform also reports the leave to our socket listener, which clears typing as well; clearing
            // here too keeps this correct without depending on that, and the second clear finds nothing.
            typing.stop(event.socket(), room);
            event.ack().ok();
        });
    }
}
