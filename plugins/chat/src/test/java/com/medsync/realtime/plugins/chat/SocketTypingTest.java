package com.medsync.realtime.plugins.chat;

import com.medsync.realtime.plugins.chat.SocketTyping.Expiry;
import com.medsync.realtime.plugins.chat.SocketTyping.Start;
import com.medsync.realtime.spi.room.Room;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SocketTypingTest {

    private static final Room ROOM = Room.chat("room_1");
    private static final Duration THROTTLE = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2024-12-20T10:30:00Z");

    private final SocketTyping typing = new SocketTyping();

    @Test
    void aRepeatWithinTheThrottleIsQuietAndOneAfterItIsRelayed() {
        assertThat(start(ROOM, T0)).isEqualTo(Start.STARTED);
        assertThat(start(ROOM, T0.plusMillis(999))).isEqualTo(Start.THROTTLED);
        // Measured from the last relay, not from the last repeat: steady typing is relayed once a second.
        assertThat(start(ROOM, T0.plusMillis(1000))).isEqualTo(Start.REPEATED);
        assertThat(start(ROOM, T0.plusMillis(1500))).isEqualTo(Start.THROTTLED);
        assertThat(start(ROOM, T0.plusMillis(2000))).isEqualTo(Start.REPEATED);
    }

    @Test
    void stoppingIsAChangeOnlyWhenTyping() {
        assertThat(typing.stop(ROOM)).isFalse();
        start(ROOM, T0);
        assertThat(typing.stop(ROOM)).isTrue();
        assertThat(typing.stop(ROOM)).isFalse();
        // After a stop, typing again is a change: relayed whatever the throttle says.
        assertThat(start(ROOM, T0.plusMillis(10))).isEqualTo(Start.STARTED);
    }

    @Test
    void theTimeoutCountsFromTheLastSignOfLife() {
        start(ROOM, T0);
        typing.arm(ROOM, 1, new CompletableFuture<>());
        start(ROOM, T0.plusSeconds(3));

        assertThat(typing.expire(ROOM, 1, T0.plus(TIMEOUT), TIMEOUT)).isEqualTo(Expiry.EXTENDED);
        assertThat(typing.remaining(ROOM, T0.plus(TIMEOUT), TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
        typing.arm(ROOM, 2, new CompletableFuture<>());
        assertThat(typing.expire(ROOM, 2, T0.plusSeconds(8), TIMEOUT)).isEqualTo(Expiry.EXPIRED);
        assertThat(typing.isTyping(ROOM)).isFalse();
    }

    @Test
    void onlyTheCurrentTimerCounts() {
        start(ROOM, T0);
        typing.arm(ROOM, 1, new CompletableFuture<>());
        typing.arm(ROOM, 2, new CompletableFuture<>());
        assertThat(typing.expire(ROOM, 1, T0.plusSeconds(60), TIMEOUT)).isEqualTo(Expiry.STALE);
        assertThat(typing.isTyping(ROOM)).isTrue();
        assertThat(typing.expire(ROOM, 2, T0.plusSeconds(60), TIMEOUT)).isEqualTo(Expiry.EXPIRED);
        assertThat(typing.expire(ROOM, 2, T0.plusSeconds(60), TIMEOUT)).isEqualTo(Expiry.STALE);
    }

    @Test
    void replacedAndStoppedTimersAreCancelled() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        start(ROOM, T0);
        typing.arm(ROOM, 1, first);
        typing.arm(ROOM, 2, second);
        assertThat(first).isCancelled();
        assertThat(second).isNotCancelled();
        typing.stop(ROOM);
        assertThat(second).isCancelled();
        CompletableFuture<Void> late = new CompletableFuture<>();
        typing.arm(ROOM, 3, late);
        assertThat(late).as("a timer for a state that is gone").isCancelled();
    }

    @Test
    void roomsAreBoundedPerSocket() {
        start(Room.chat("a"), T0);
        start(Room.chat("b"), T0);
        assertThat(typing.start(Room.chat("c"), T0, THROTTLE, 2)).isEqualTo(Start.REFUSED);
        assertThat(typing.start(Room.chat("a"), T0, THROTTLE, 2))
                .as("a room it already types in is no new room").isEqualTo(Start.THROTTLED);
    }

    @Test
    void stopAllClearsEverythingAndSaysWhere() {
        CompletableFuture<Void> timer = new CompletableFuture<>();
        start(Room.chat("a"), T0);
        typing.arm(Room.chat("a"), 1, timer);
        start(Room.chat("b"), T0);
        assertThat(typing.stopAll()).containsExactlyInAnyOrder(Room.chat("a"), Room.chat("b"));
        assertThat(timer).isCancelled();
        assertThat(typing.isEmpty()).isTrue();
    }

    private Start start(Room room, Instant now) {
        return typing.start(room, now, THROTTLE, 8);
    }
}
