package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.spi.plugin.PluginScheduler;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;
import com.medsync.realtime.spi.socket.ClientEventHandler;
import com.medsync.realtime.spi.socket.ClientSocket;
import com.medsync.realtime.spi.socket.SocketListener;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code chat:typing {roomId, isTyping}}: relays a member's typing state to the other members of
 * {@code chat:{roomId}} as {@code {roomId, userId, isTyping}}, with {@code userId} from the token (never from
 * the payload) and never back to the sender.
 *
 * <ul>
 *   <li>Only members of the room may type in it ({@code FORBIDDEN} otherwise).</li>
 *   <li>A change of state is always relayed; a repeated {@code isTyping: true} within {@code typing-throttle}
 *       of the last relay is acknowledged but not relayed; an {@code isTyping: false} when not typing changes
 *       nothing and is not relayed.</li>
 *   <li>A typing state that is neither refreshed (by another {@code isTyping: true}) nor cleared within
 *       {@code typing-timeout} is cleared for the others with {@code isTyping: false}; so is the typing of a
 *       socket that leaves the room ({@code chat:leave}, {@code leave}) or disconnects.</li>
 * </ul>
 *
 * <p>State is kept per socket, in memory, bounded ({@value #MAX_ROOMS_PER_SOCKET} rooms per socket,
 * {@value #MAX_SOCKETS} sockets; beyond, {@code RATE_LIMITED}), and dropped on disconnect. Each socket's state
 * changes and relays happen under that socket's map entry, so the client's handler, the timers and the
 * disconnect never interleave: the others always see a socket's typing changes in order.
 */
final class TypingIndicators implements ClientEventHandler, SocketListener {

    static final String EVENT = "chat:typing";
    static final int MAX_ROOMS_PER_SOCKET = 32;
    static final int MAX_SOCKETS = 100_000;

    private static final String EXPECTED = "{roomId: string, isTyping: boolean}";

    /** One typing socket; the socket is kept to tell its rooms when its state expires. */
    private record Typist(ClientSocket socket, SocketTyping state) {
    }

    private final PluginScheduler scheduler;
    private final Duration throttle;
    private final Duration timeout;
    private final Clock clock;
    private final ConcurrentHashMap<String, Typist> typists = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    TypingIndicators(PluginScheduler scheduler, ChatSettings settings, Clock clock) {
        this.scheduler = scheduler;
        this.throttle = settings.typingThrottle();
        this.timeout = settings.typingTimeout();
        this.clock = clock;
    }

    @Override
    public void handle(ClientEvent event) {
        JsonNode isTyping = event.firstArg().path("isTyping");
        if (!isTyping.isBoolean()) {
            event.ack().error(AckError.BAD_REQUEST, EVENT + " needs " + EXPECTED);
            return;
        }
        Optional<Room> requested = ChatRequests.chatRoom(event, EXPECTED);
        if (requested.isEmpty()) {
            return;
        }
        Room room = requested.get();
        ClientSocket socket = event.socket();
        if (!socket.isIn(room)) {
            event.ack().error(AckError.FORBIDDEN, "not a member of " + room.name() + "; chat:join it first");
            return;
        }
        if (isTyping.booleanValue()) {
            if (!start(socket, room)) {
                event.ack().error(AckError.RATE_LIMITED, "typing in too many rooms at once");
                return;
            }
        } else {
            stop(socket, room);
        }
        event.ack().ok();
    }

    /** @return false when refused for the bounds */
    private boolean start(ClientSocket socket, Room room) {
        if (typists.size() >= MAX_SOCKETS && !typists.containsKey(socket.id())) {
            return false;
        }
        boolean[] refused = {false};
        typists.compute(socket.id(), (id, typist) -> {
            Typist current = typist != null ? typist : new Typist(socket, new SocketTyping());
            SocketTyping.Start change = current.state().start(room, clock.instant(), throttle, MAX_ROOMS_PER_SOCKET);
            if (change == SocketTyping.Start.REFUSED) {
                refused[0] = true;
                return typist;
            }
            if (change == SocketTyping.Start.STARTED) {
                arm(id, current.state(), room, timeout);
            }
            if (change.relayed()) {
                relay(current.socket(), room, true);
            }
            return current;
        });
        return !refused[0];
    }

    /** Called with the socket's entry held. */
    private void arm(String socketId, SocketTyping state, Room room, Duration delay) {
        long generation = generations.incrementAndGet();
        state.arm(room, generation, scheduler.schedule(() -> expire(socketId, room, generation), delay));
    }

    /** Ends the socket's typing in the room, telling the others if it was typing. */
    void stop(ClientSocket socket, Room room) {
        typists.computeIfPresent(socket.id(), (id, typist) -> {
            if (typist.state().stop(room)) {
                relay(typist.socket(), room, false);
            }
            return typist.state().isEmpty() ? null : typist;
        });
    }

    private void expire(String socketId, Room room, long generation) {
        typists.computeIfPresent(socketId, (id, typist) -> {
            SocketTyping state = typist.state();
            switch (state.expire(room, generation, clock.instant(), timeout)) {
                case EXPIRED -> relay(typist.socket(), room, false);
                case EXTENDED -> arm(id, state, room, state.remaining(room, clock.instant(), timeout));
                case STALE -> {
                    // replaced or cleared since this timer was set
                }
                default -> throw new IllegalStateException();
            }
            return state.isEmpty() ? null : typist;
        });
    }

    @Override
    public void onLeave(ClientSocket socket, Room room) {
        stop(socket, room);
    }

    @Override
    public void onDisconnect(ClientSocket socket) {
        stopAll(socket.id());
    }

    /** Clears every typing state, telling the others: the feature is stopping and its timers are gone. */
    void clearAll() {
        typists.keySet().forEach(this::stopAll);
    }

    private void stopAll(String socketId) {
        typists.computeIfPresent(socketId, (id, typist) -> {
            typist.state().stopAll().forEach(room -> relay(typist.socket(), room, false));
            return null;
        });
    }

    /** @return how many sockets are typing somewhere (for tests and diagnostics) */
    int typingSockets() {
        return typists.size();
    }

    private static void relay(ClientSocket socket, Room room, boolean isTyping) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("roomId", room.id())
                // From the token: a client can only ever speak for itself.
                .put("userId", socket.principal().userId())
                .put("isTyping", isTyping);
        socket.emitToOthersIn(room, EVENT, payload);
    }
}
