package com.medsync.realtime.plugins.chat;

import com.medsync.realtime.spi.room.Room;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The typing state of one socket, room by room, and what the others must be told when it changes. Pure
 * bookkeeping: relaying and scheduling are the caller's. Not thread safe: {@link TypingIndicators} only
 * touches an instance while holding its socket's entry.
 *
 * <p>A room's state records when "typing" was last relayed (for the throttle) and when the socket last said it
 * was typing (for the timeout): someone who keeps typing keeps showing as typing, and the indicator goes away
 * {@code typing-timeout} after the last sign of life. Each state has one timer at a time; a timer that runs out
 * while the socket has shown life since is re-armed for the rest ({@link Expiry#EXTENDED}) instead of every
 * {@code isTyping: true} replacing the timer, which would pile cancelled tasks up in the platform's scheduler.
 */
final class SocketTyping {

    /** What an {@code isTyping: true} changes. */
    enum Start {
        /** The socket was not typing in the room: relay, and arm a timer ({@link #arm}). */
        STARTED,
        /** Typing already, and the last relay is at least a throttle interval old: relay again. */
        REPEATED,
        /** Typing already, relayed less than a throttle interval ago: acknowledge, relay nothing. */
        THROTTLED,
        /** Not typing in the room, and typing in as many rooms as allowed: refuse. */
        REFUSED;

        boolean relayed() {
            return this == STARTED || this == REPEATED;
        }
    }

    /** What a timer that ran out finds. */
    enum Expiry {
        /** Not the room's current timer (the state was cleared or re-armed since): nothing to do. */
        STALE,
        /** No sign of life for the whole timeout: the state is cleared, tell the others. */
        EXPIRED,
        /** Typed since: re-arm for {@link #remaining}. */
        EXTENDED
    }

    private static final class Typing {
        Instant lastRelayed;
        Instant lastActivity;
        long generation = -1;
        Future<?> timer;

        Typing(Instant now) {
            this.lastRelayed = now;
            this.lastActivity = now;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private final Map<Room, Typing> rooms = new HashMap<>();

    /** Records {@code isTyping: true} at {@code now}. */
    Start start(Room room, Instant now, Duration throttle, int maxRooms) {
        Typing typing = rooms.get(room);
        if (typing == null) {
            if (rooms.size() >= maxRooms) {
                return Start.REFUSED;
            }
            rooms.put(room, new Typing(now));
            return Start.STARTED;
        }
        typing.lastActivity = now;
        if (!now.isBefore(typing.lastRelayed.plus(throttle))) {
            typing.lastRelayed = now;
            return Start.REPEATED;
        }
        return Start.THROTTLED;
    }

    /**
     * Sets the room's timer, which will call {@link #expire} with {@code generation}; a previous timer is
     * cancelled. Does nothing (but cancel the new timer) when the socket no longer types in the room.
     */
    void arm(Room room, long generation, Future<?> timer) {
        Typing typing = rooms.get(room);
        if (typing == null) {
            timer.cancel(false);
            return;
        }
        typing.cancelTimer();
        typing.generation = generation;
        typing.timer = timer;
    }

    /** Records {@code isTyping: false} (or a leave): @return whether it was typing, so the others need telling */
    boolean stop(Room room) {
        Typing typing = rooms.remove(room);
        if (typing == null) {
            return false;
        }
        typing.cancelTimer();
        return true;
    }

    /** The timer {@code generation} of the room ran out at {@code now}. */
    Expiry expire(Room room, long generation, Instant now, Duration timeout) {
        Typing typing = rooms.get(room);
        if (typing == null || typing.generation != generation) {
            return Expiry.STALE;
        }
        if (now.isBefore(typing.lastActivity.plus(timeout))) {
            return Expiry.EXTENDED;
        }
        rooms.remove(room);
        return Expiry.EXPIRED;
    }

    /** @return how long until the room's state times out, from {@code now} */
    Duration remaining(Room room, Instant now, Duration timeout) {
        Typing typing = rooms.get(room);
        if (typing == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, typing.lastActivity.plus(timeout));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Clears every room (the socket is gone): @return the rooms it was typing in */
    List<Room> stopAll() {
        List<Room> typingIn = List.copyOf(rooms.keySet());
        rooms.values().forEach(Typing::cancelTimer);
        rooms.clear();
        return typingIn;
    }

    boolean isTyping(Room room) {
        return rooms.containsKey(room);
    }

    boolean isEmpty() {
        return rooms.isEmpty();
    }
}
