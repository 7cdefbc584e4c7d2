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
        sessions.write("pid_0123456789abcdef", session, Optional.empty());

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(session);
        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).isEmpty();
    }

    @Test
    void aSessionWithoutResumeOffsetSurvivesTheRoundTrip() {
        SavedSession noOffset = new SavedSession("sid_1", "alice", "/", Set.of(), Optional.empty());
        sessions.write("pid_0123456789abcdef", noOffset, Optional.empty());

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(noOffset);
    }

    @Test
    void aRefusedSessionStaysForItsOwner() {
        sessions.write("pid_0123456789abcdef", session, Optional.empty());

        assertThat(sessions.take("pid_0123456789abcdef", s -> s.userId().equals("mallory"))).isEmpty();
        assertThat(sessions.take("pid_0123456789abcdef", s -> s.userId().equals("alice"))).contains(session);
    }

    @Test
    void aRewriteComparesWithWhatThisNodeWroteLast() {
        String first = sessions.write("pid_0123456789abcdef", session, Optional.empty()).orElseThrow();
        SavedSession moreRooms = new SavedSession("sid_1", "alice", "/patient-pharmacy",
                Set.of(Room.user("alice"), Room.chat("room_1"), Room.chat("room_2")), Optional.of("abc-12"));

        Optional<String> second = sessions.write("pid_0123456789abcdef", moreRooms, Optional.of(first));

        assertThat(second).isPresent();
        assertThat(sessions.write("pid_0123456789abcdef", session, Optional.of(first)))
                .as("a write over a session that changed since").isEmpty();
        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(moreRooms);
    }

    @Test
    void aSessionTakenByAnotherNodeIsNotWrittenBack() {
        String written = sessions.write("pid_0123456789abcdef", session, Optional.empty()).orElseThrow();
        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(session);

        assertThat(sessions.write("pid_0123456789abcdef", session, Optional.of(written))).isEmpty();
        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).isEmpty();
    }

    @Test
    void aDiscardLeavesASessionSomebodyElseWrote() {
        String written = sessions.write("pid_0123456789abcdef", session, Optional.empty()).orElseThrow();
        SavedSession restoredElsewhere = new SavedSession("sid_1", "alice", "/patient-pharmacy", Set.of(),
                Optional.empty());
        sessions.write("pid_0123456789abcdef", restoredElsewhere, Optional.empty());

        sessions.discard("pid_0123456789abcdef", written);

        assertThat(sessions.take("pid_0123456789abcdef", s -> true)).contains(restoredElsewhere);
    }

    @Test
    void aSessionExpiresWithTheWindow() {
        sessions.write("pid_0123456789abcdef", session, Optional.empty());
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
