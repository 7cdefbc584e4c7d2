package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.plugin.LeasedTask;
import com.medsync.realtime.spi.plugin.PluginScheduler;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.Acknowledgement;
import com.medsync.realtime.spi.socket.ClientEvent;
import com.medsync.realtime.spi.socket.ClientSocket;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The bookkeeping of {@link TypingIndicators} with a fake socket and hand-run timers: state never outlives its use. */
class TypingIndicatorsTest {

    private static final Room ROOM = Room.chat("room_1");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final MutableClock clock = new MutableClock();
    private final TypingIndicators typing = new TypingIndicators(scheduler,
            new ChatSettings(Duration.ofSeconds(1), Duration.ofSeconds(5)), clock);
    private final FakeSocket alice = new FakeSocket("sock_a", "alice", ROOM);

    @Test
    void theTimerClearsTheStateAndTellsTheOthers() {
        assertThat(send(alice, true)).isEqualTo("ok");
        assertThat(typing.typingSockets()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        scheduler.runDue();

        assertThat(alice.relayed).containsExactly("chat:room_1 alice true", "chat:room_1 alice false");
        assertThat(typing.typingSockets()).isZero();
        assertThat(scheduler.tasks).hasSize(1);
    }

    @Test
    void typingOnKeepsOneTimerThatIsReArmedForTheRest() {
        send(alice, true);
        clock.advance(Duration.ofMillis(500));
        send(alice, true);
        clock.advance(Duration.ofMillis(2000));
        send(alice, true);
        assertThat(scheduler.tasks).as("throttled or not, a repeat sets no new timer").hasSize(1);

        clock.advance(Duration.ofMillis(2500));
        scheduler.runDue();
        assertThat(alice.relayed).as("last sign of life 2.5 s ago").doesNotContain("chat:room_1 alice false");
        assertThat(scheduler.tasks).hasSize(2);
        assertThat(scheduler.tasks.get(1).delay()).isEqualTo(Duration.ofMillis(2500));

        clock.advance(Duration.ofMillis(2500));
        scheduler.runDue();
        assertThat(alice.relayed).containsExactly(
                "chat:room_1 alice true", "chat:room_1 alice true", "chat:room_1 alice false");
        assertThat(typing.typingSockets()).isZero();
    }

    @Test
    void aDisconnectForgetsTheSocketAndItsTimersDoNothingLater() {
        FakeSocket other = new FakeSocket("sock_a", "alice", Room.chat("room_2"));
        send(alice, true);
        typing.handle(event(other, Room.chat("room_2"), true));

        typing.onDisconnect(alice);

        assertThat(alice.relayed).contains("chat:room_1 alice false");
        assertThat(typing.typingSockets()).isZero();
        assertThat(scheduler.tasks).allMatch(task -> task.future.isCancelled());
    }

    @Test
    void stoppingTheFeatureClearsEveryone() {
        FakeSocket bob = new FakeSocket("sock_b", "bob", ROOM);
        send(alice, true);
        send(bob, true);

        typing.clearAll();

        assertThat(alice.relayed).endsWith("chat:room_1 alice false");
        assertThat(bob.relayed).endsWith("chat:room_1 bob false");
        assertThat(typing.typingSockets()).isZero();
    }

    @Test
    void aSocketTypesInABoundedNumberOfRooms() {
        for (int i = 0; i < TypingIndicators.MAX_ROOMS_PER_SOCKET; i++) {
            Room room = Room.chat("room_x" + i);
            alice.rooms.add(room);
            assertThat(answer(event(alice, room, true))).isEqualTo("ok");
        }
        Room oneTooMany = Room.chat("room_last");
        alice.rooms.add(oneTooMany);
        assertThat(answer(event(alice, oneTooMany, true))).isEqualTo("RATE_LIMITED");
    }

    private String send(FakeSocket socket, boolean isTyping) {
        return answer(event(socket, ROOM, isTyping));
    }

    private String answer(ClientEvent event) {
        typing.handle(event);
        return ((RecordingAck) event.ack()).answer;
    }

    private static ClientEvent event(ClientSocket socket, Room room, boolean isTyping) {
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        args.addObject().put("roomId", room.id()).put("isTyping", isTyping);
        return new ClientEvent(socket, TypingIndicators.EVENT, args, new RecordingAck());
    }

    private static final class RecordingAck implements Acknowledgement {
        String answer;

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void ok() {
            answer = "ok";
        }

        @Override
        public void error(AckError code, String message) {
            answer = code.name();
        }

        @Override
        public void reply(List<com.fasterxml.jackson.databind.JsonNode> args) {
            answer = "reply " + args;
        }
    }

    private static final class ManualScheduler implements PluginScheduler {
        record Task(Runnable task, Duration delay, CompletableFuture<Void> future) {
        }

        final List<Task> tasks = new ArrayList<>();

        @Override
        public Future<?> execute(Runnable task) {
            return schedule(task, Duration.ZERO);
        }

        @Override
        public Future<?> schedule(Runnable task, Duration delay) {
            Task scheduled = new Task(task, delay, new CompletableFuture<>());
            tasks.add(scheduled);
            return scheduled.future();
        }

        @Override
        public Future<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<?> scheduleOncePerCluster(String name, LeasedTask task, Duration initialDelay,
                Duration delay) {
            throw new UnsupportedOperationException();
        }

        /** Runs the tasks not yet run or cancelled (the test advances the clock to their due time first). */
        void runDue() {
            for (Task task : List.copyOf(tasks)) {
                if (!task.future().isDone()) {
                    task.task().run();
                    task.future().complete(null);
                }
            }
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-12-20T10:30:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class FakeSocket implements ClientSocket {
        final String id;
        final Principal principal;
        final Set<Room> rooms = new HashSet<>();
        final List<String> relayed = new ArrayList<>();

        FakeSocket(String id, String userId, Room room) {
            this.id = id;
            this.principal = new Principal(userId, Role.PATIENT, Optional.empty(), Set.of(), Instant.MAX, Map.of());
            rooms.add(room);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String namespace() {
            return "/patient-pharmacy";
        }

        @Override
        public Principal principal() {
            return principal;
        }

        @Override
        public Set<Room> rooms() {
            return rooms;
        }

        @Override
        public boolean isIn(Room room) {
            return rooms.contains(room);
        }

        @Override
        public boolean join(Room room) {
            return rooms.add(room);
        }

        @Override
        public boolean leave(Room room) {
            return rooms.remove(room);
        }

        @Override
        public void emit(String event, JsonNode... args) {
            throw new AssertionError("typing is never sent back to the sender");
        }

        @Override
        public void emitToOthersIn(Room room, String event, JsonNode data) {
            assertThat(event).isEqualTo("chat:typing");
            assertThat(data.path("roomId").asText()).isEqualTo(room.id());
            relayed.add(room + " " + data.path("userId").asText() + " " + data.path("isTyping").asBoolean());
        }
    }
}
