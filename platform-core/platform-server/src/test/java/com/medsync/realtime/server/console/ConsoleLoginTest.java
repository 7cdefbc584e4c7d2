package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConsoleLoginTest {

    private static final String ADMIN_TOKEN = "the-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
    private final ConsoleAccess access = new ConsoleAccess(sessions);
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(1), clock);
    private final AuditTrail trail = new AuditTrail("node-1");
    private final ConsoleLogin login = new ConsoleLogin(sessions, access, throttle, ADMIN_TOKEN, false,
            new LoginAudit(trail, clock));

    static HttpRequest loginRequest(String token, String operator) {
        return HttpRequest.builder("POST", "/console/session").header("Content-Type", "application/json")
                .body("{\"token\":\"" + token + "\",\"operator\":\"" + operator + "\"}").remoteAddress("10.0.0.1")
                .build();
    }

    private static JsonNode json(HttpResponse response) throws Exception {
        return JSON.readTree(response.bodyAsString());
    }

    private static String cookieOf(HttpResponse response) {
        String setCookie = response.header("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void loginsRefusedAndAcceptedGoToTheNodesAuditTrail() {
        assertThatThrownBy(() -> login.logIn(loginRequest("wrong", "mallory"))).isInstanceOf(HttpProblem.class);
        login.logIn(loginRequest(ADMIN_TOKEN, "alice"));

        assertThat(trail.newestFirst(10)).extracting(AuditTrail.Entry::who, AuditTrail.Entry::action,
                AuditTrail.Entry::result).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("console:alice", "console-login", "ok"),
                        org.assertj.core.groups.Tuple.tuple("console:mallory", "console-login",
                                "refused: wrong admin token"));
    }

    @Test
    void theAdminTokenOpensASessionHeldByAnHttpOnlyStrictCookieWithTheCsrfTokenInTheBody() throws Exception {
        HttpResponse response = login.logIn(loginRequest(ADMIN_TOKEN, "alice"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).hasValue("no-store");
        String setCookie = response.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches("medsync_console=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict");
        JsonNode body = json(response);
        assertThat(body.path("operator").asText()).isEqualTo("alice");
        assertThat(body.path("idleTimeoutSeconds").asLong()).isEqualTo(1800);
        String sessionId = cookieOf(response).substring("medsync_console=".length());
        ConsoleSession session = sessions.use(sessionId).orElseThrow();
        assertThat(body.path("csrfToken").asText()).isEqualTo(session.csrfToken());
        assertThat(response.bodyAsString()).as("the session id stays in the cookie").doesNotContain(sessionId)
                .doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void theCookieIsSecureWhenConfiguredOrWhenTheProxySaysHttps() {
        ConsoleLogin secure = new ConsoleLogin(sessions, access, throttle, ADMIN_TOKEN, true,
                new LoginAudit(trail, clock));
        assertThat(secure.logIn(loginRequest(ADMIN_TOKEN, "alice")).header("Set-Cookie").orElseThrow())
                .endsWith("; Secure");

        HttpRequest viaTls = HttpRequest.builder("POST", "/console/session")
                .header("Content-Type", "application/json").header("X-Forwarded-Proto", "HTTPS")
                .body("{\"token\":\"" + ADMIN_TOKEN + "\",\"operator\":\"alice\"}").build();
        assertThat(login.logIn(viaTls).header("Set-Cookie").orElseThrow()).endsWith("; Secure");
    }

    @Test
    void aWrongTokenIs401AndTheSixthTryWithinAMinuteIs429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login.logIn(loginRequest("guess", "mallory")))
                    .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(401);
                        assertThat(problem.getMessage()).isEqualTo("wrong admin token");
                    });
            clock.advance(Duration.ofSeconds(1));
        }

        // Even the right token waits: the address is refused, not the guess.
        assertThatThrownBy(() -> login.logIn(loginRequest(ADMIN_TOKEN, "mallory")))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(429);
                    assertThat(problem.headers()).containsEntry("Retry-After", "55");
                    assertThat(problem.getMessage()).contains("try again in 55 s");
                });
        clock.advance(Duration.ofSeconds(55));
        assertThat(login.logIn(loginRequest(ADMIN_TOKEN, "alice")).status()).isEqualTo(200);
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void onlyAJsonBodyWithATokenAndAPlainOperatorNameIsRead() {
        HttpRequest form = HttpRequest.builder("POST", "/console/session")
                .header("Content-Type", "application/x-www-form-urlencoded").body("token=x&operator=y").build();
        assertThatThrownBy(() -> login.logIn(form)).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(415));

        HttpRequest noToken = HttpRequest.builder("POST", "/console/session")
                .header("Content-Type", "application/json; charset=utf-8").body("{\"operator\":\"alice\"}").build();
        assertThatThrownBy(() -> login.logIn(noToken)).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(400));

        for (String operator : new String[] {"", "alice smith", "al:ice", "a".repeat(49), "<script>"}) {
            assertThatThrownBy(() -> login.logIn(loginRequest(ADMIN_TOKEN, operator))).as(operator)
                    .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(400);
                        assertThat(problem.getMessage()).startsWith("operator must be");
                    });
        }
        assertThat(throttle.refusal("10.0.0.1")).as("malformed requests are no guesses").isEmpty();
    }

    @Test
    void withoutAnAdminTokenNobodyLogsIn() {
        ConsoleLogin locked = new ConsoleLogin(sessions, access, throttle, null, false, new LoginAudit(trail, clock));

        assertThatThrownBy(() -> locked.logIn(loginRequest("x", "alice"))).isInstanceOfSatisfying(
                HttpProblem.class, problem -> assertThat(problem.status()).isEqualTo(401));
    }

    @Test
    void aReloadedPageGetsItsOperatorAndCsrfTokenBackFromTheCookie() throws Exception {
        HttpResponse opened = login.logIn(loginRequest(ADMIN_TOKEN, "alice"));

        HttpResponse current = login.current(HttpRequest.builder("GET", "/console/session")
                .header("Cookie", "other=1; " + cookieOf(opened)).build());

        assertThat(json(current).path("csrfToken").asText()).isEqualTo(json(opened).path("csrfToken").asText());
        assertThatThrownBy(() -> login.current(HttpRequest.builder("GET", "/console/session").build()))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> assertThat(problem.status()).isEqualTo(401));
    }

    @Test
    void loggingOutNeedsTheCsrfTokenEndsTheSessionAndClearsTheCookie() throws Exception {
        HttpResponse opened = login.logIn(loginRequest(ADMIN_TOKEN, "alice"));
        String cookie = cookieOf(opened);

        assertThatThrownBy(() -> login.logOut(HttpRequest.builder("DELETE", "/console/session")
                .header("Cookie", cookie).build())).isInstanceOfSatisfying(HttpProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(403));

        HttpResponse out = login.logOut(HttpRequest.builder("DELETE", "/console/session").header("Cookie", cookie)
                .header(ConsoleAccess.CSRF_HEADER, json(opened).path("csrfToken").asText()).build());

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).hasValue("medsync_console=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
        assertThat(sessions.size()).isZero();
        assertThat(login.logOut(HttpRequest.builder("DELETE", "/console/session").header("Cookie", cookie).build())
                .status()).as("a stale cookie is just cleared").isEqualTo(204);
    }
}
