package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.PermissivePlatform;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.server.store.MemoryKeyValueStore;
import com.medsync.realtime.server.testing.SettableClock;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCheckpointsTest {

    private static final String PID = "pid_0123456789abcdef";
    private static final Room CHAT = Room.chat("room_1");

    private final SettableClock clock = new SettableClock();
    private final MemoryKeyValueStore store = new MemoryKeyValueStore(clock);
    private final SessionStore sessions = new SessionStore(store, Duration.ofMinutes(2), new ObjectMapper());
    private final SessionCheckpoints checkpoints = new SessionCheckpoints(sessions);
    private final ServedNamespace namespace = new NamespaceRegistry().serve("/patient-pharmacy",
            EventTranslator.CANONICAL);
    private final SocketSession socket = socket();

    @Test
    void anOpenSocketsSessionIsInTheStoreWithItsRoomsAsTheyChange() {
        checkpoints.opened(socket, PID, Optional.of("opened-at"));
        socket.whenRoomsChange(checkpoints::roomsChanged);

        assertThat(socket.join(CHAT)).isTrue();

        // What a node that is killed now leaves behind: its client recovers it elsewhere.
        SavedSession left = sessions.take(PID, s -> true).orElseThrow();
        assertThat(left.socketId()).isEqualTo(socket.id());
        assertThat(left.rooms()).contains(CHAT);
        assertThat(left.resumeOffset()).contains("opened-at");
    }

    @Test
    void theRefreshKeepsALiveSessionFromExpiring() {
        checkpoints.opened(socket, PID, Optional.empty());

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(30));
            checkpoints.refresh();
        }

        assertThat(sessions.take(PID, s -> true)).isPresent();
    }

    @Test
    void aLostConnectionSavesWhereTheReplayStarts() {
        checkpoints.opened(socket, PID, Optional.of("opened-at"));

        checkpoints.closed(socket, Set.of(CHAT), true, Optional.of("before-first-sent"));

        SavedSession saved = sessions.take(PID, s -> true).orElseThrow();
        assertThat(saved.rooms()).containsExactly(CHAT);
        assertThat(saved.resumeOffset()).contains("before-first-sent");
    }

    @Test
    void aLostConnectionWhoseSessionIsAlreadyStoredWritesNothingMore() {
        checkpoints.opened(socket, PID, Optional.of("opened-at"));
        socket.whenRoomsChange(checkpoints::roomsChanged);
        socket.join(CHAT);

        // Its client names the last offset it got; one that got nothing missed everything since "opened-at".
        checkpoints.closed(socket, Set.of(CHAT), true, Optional.of("before-first-sent"));

        SavedSession saved = sessions.take(PID, s -> true).orElseThrow();
        assertThat(saved.rooms()).containsExactly(CHAT);
        assertThat(saved.resumeOffset()).contains("opened-at");
    }

    @Test
    void aSocketThatLeftOnPurposeLeavesNoSession() {
        checkpoints.opened(socket, PID, Optional.empty());

        checkpoints.closed(socket, Set.of(CHAT), false, Optional.empty());

        assertThat(sessions.take(PID, s -> true)).isEmpty();
    }

    @Test
    void onceAnotherNodeTookTheSessionThisNodeNeverWritesItAgain() {
        checkpoints.opened(socket, PID, Optional.empty());
        socket.whenRoomsChange(checkpoints::roomsChanged);
        // The client came back on another node before this one noticed its connection was gone.
        assertThat(sessions.take(PID, s -> true)).isPresent();
        SavedSession restoredThere = new SavedSession(socket.id(), "alice", "/patient-pharmacy", Set.of(),
                Optional.empty());
        sessions.write(PID, restoredThere, Optional.empty());

        socket.join(CHAT);
        checkpoints.refresh();
        checkpoints.closed(socket, Set.of(CHAT), true, Optional.of("late"));

        assertThat(sessions.take(PID, s -> true)).contains(restoredThere);
    }

    private SocketSession socket() {
        Principal alice = new Principal("alice", Role.PATIENT, Optional.empty(), Set.of(),
                Instant.now().plusSeconds(600), Map.of());
        // Sessions are about ids and rooms: the socket needs no connection here.
        SocketSession session = new SocketSession(namespace, alice, null, PermissivePlatform.INSTANCE,
                new LimitSettings(10, 10, 3, 50, 10, 1000, 10));
        namespace.add(session);
        return session;
    }
}
