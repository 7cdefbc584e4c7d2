package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.store.MemoryKeyValueStore;
import com.medsync.realtime.spi.room.Room;

import com.medsync.realtime.server.testing.SettableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {

    private final SettableClock clock = new SettableClock();
    private final MemoryKeyValueStore store = new MemoryKeyValueStore(clock);
    private final SessionStore sessions = new SessionStore(store, Duration.ofMinutes(2), new ObjectMapper());
    private final SavedSession session = new SavedSession("sid_1", "alice", "/patient-pharmacy",
            Set.of(Room.user("alice"), Room.chat("room_1")), Optional.of("abc-12"));

    @Test
    void aSavedSessionIsTakenOnceWithEverythingItHeld() {
        sessions.save("pid_0123456789abcdef", session);

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(session);
        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).isEmpty();
    }

    @Test
    void aSessionWithoutResumeOffsetSurvivesTheRoundTrip() {
        SavedSession noOffset = new SavedSession("sid_1", "alice", "/", Set.of(), Optional.empty());
        sessions.save("pid_0123456789abcdef", noOffset);

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(noOffset);
    }

    @Test
    void aRefusedSessionStaysForItsOwner() {
        sessions.save("pid_0123456789abcdef", session);

        assertThat(sessions.take("pid_0123456789abcdef", s -> s.userId().equals("mallory"))).isEmpty();
        assertThat(sessions.take("pid_0123456789abcdef", s -> s.userId().equals("alice"))).contains(session);
    }

    @Test
    void aSessionExpiresWithTheWindow() {
        sessions.save("pid_0123456789abcdef", session);
        clock.advance(Duration.ofMinutes(2));

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).isEmpty();
    }

    @Test
    void anUnreadableSessionIsDroppedNotRestored() {
        store.put("recovery:session:pid_0123456789abcdef", "{\"sid\":\"x\"}", Duration.ofMinutes(1));

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).isEmpty();
        assertThat(store.get("recovery:session:pid_0123456789abcdef")).isEmpty();
    }

    @Test
    void requestsNeedAWellFormedPidAndAStringOffsetIfAny() {
        assertThat(RecoveryRequest.from(Map.of("token", "t"))).isEmpty();
        assertThat(RecoveryRequest.from(Map.of("pid", "short"))).isEmpty();
        assertThat(RecoveryRequest.from(Map.of("pid", 42))).isEmpty();
        assertThat(RecoveryRequest.from(Map.of("pid", "pid_0123456789abcdef", "offset", 7))).isEmpty();
        assertThat(RecoveryRequest.from(Map.of("pid", "pid_0123456789abcdef")))
                .contains(new RecoveryRequest("pid_0123456789abcdef", Optional.empty()));
        assertThat(RecoveryRequest.from(Map.of("pid", "pid_0123456789abcdef", "offset", "abc-1")))
                .contains(new RecoveryRequest("pid_0123456789abcdef", Optional.of("abc-1")));
    }
}
