package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    private final ManualClock clock = new ManualClock();
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);

    @Test
    void eachSessionGetsItsOwnUnguessableIdAndCsrfToken() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ConsoleSession session = sessions.open("alice");
            // 32 random bytes, base64url without padding.
            assertThat(session.id()).matches("[A-Za-z0-9_-]{43}");
            assertThat(session.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(session.id());
            assertThat(seen.add(session.id())).isTrue();
            assertThat(seen.add(session.csrfToken())).isTrue();
        }
        assertThat(sessions.open("bob").toString()).isEqualTo("ConsoleSession[bob]");
    }

    @Test
    void aSessionLivesWhileItIsUsedAndEndsAfterTheIdleTimeout() {
        ConsoleSession session = sessions.open("alice");

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(session.id())).as("each use restarts the idle time").contains(session);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.use(session.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void closingEndsTheSessionAndUnknownIdsFindNothing() {
        ConsoleSession session = sessions.open("alice");

        sessions.close(session.id());
        sessions.close("never-issued");

        assertThat(sessions.use(session.id())).isEmpty();
        assertThat(sessions.use("never-issued")).isEmpty();
    }

    @Test
    void pastTheLimitTheLeastRecentlyUsedSessionIsForgotten() {
        ConsoleSession first = sessions.open("first");
        ConsoleSession second = sessions.open("second");
        for (int i = 2; i < ConsoleSessions.MAX_SESSIONS; i++) {
            sessions.open("op" + i);
        }
        sessions.use(first.id());

        ConsoleSession newest = sessions.open("newest");

        assertThat(sessions.size()).isEqualTo(ConsoleSessions.MAX_SESSIONS);
        assertThat(sessions.use(second.id())).as("least recently used").isEmpty();
        assertThat(sessions.use(first.id())).contains(first);
        assertThat(sessions.use(newest.id())).contains(newest);
    }

    @Test
    void theIdleTimeoutMustBePositive() {
        assertThatThrownBy(() -> new ConsoleSessions(Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
