package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    private final ManualClock clock = new ManualClock();
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
    private final ConsoleAccess access = new ConsoleAccess(sessions);
    private final ConsoleSession session = sessions.open("alice");

    private HttpRequest.Builder withCookie(String method) {
        return HttpRequest.builder(method, "/admin/plugins/chat/stop")
                .header("Cookie", SessionCookie.NAME + "=" + session.id());
    }

    private static void assertRefused(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(status));
    }

    @Test
    void readingNeedsOnlyTheCookie() {
        assertThat(access.require(withCookie("GET").build())).isEqualTo(session);
        assertThat(access.require(withCookie("HEAD").build())).isEqualTo(session);
    }

    @Test
    void everyChangingMethodNeedsTheSessionsCsrfToken() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertRefused(() -> access.require(withCookie(method).build()), 403);
            assertRefused(() -> access.require(withCookie(method).header(ConsoleAccess.CSRF_HEADER, "forged")
                    .build()), 403);
            assertThat(access.require(withCookie(method).header(ConsoleAccess.CSRF_HEADER, session.csrfToken())
                    .build())).isEqualTo(session);
        }
    }

    @Test
    void anotherSessionsCsrfTokenDoesNotCount() {
        ConsoleSession other = sessions.open("bob");

        assertRefused(() -> access.require(withCookie("POST").header(ConsoleAccess.CSRF_HEADER, other.csrfToken())
                .build()), 403);
    }

    @Test
    void anExpiredUnknownOrMissingSessionIs401() {
        HttpRequest noCookie = HttpRequest.builder("GET", "/admin/stats").build();
        assertThat(access.presentsSession(noCookie)).isFalse();
        assertRefused(() -> access.require(noCookie), 401);

        HttpRequest unknown = HttpRequest.builder("GET", "/admin/stats").header("Cookie", "medsync_console=nope")
                .build();
        assertThat(access.presentsSession(unknown)).isTrue();
        assertRefused(() -> access.require(unknown), 401);

        clock.advance(Duration.ofMinutes(31));
        assertRefused(() -> access.require(withCookie("GET").build()), 401);
    }
}
