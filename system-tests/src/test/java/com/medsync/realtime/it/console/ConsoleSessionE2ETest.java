package com.medsync.realtime.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.fixture.FeaturePlugins;
import com.medsync.realtime.it.support.AuditTrail;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's session over plain HTTP, as a browser or an attacker's page would send it, against the admin
 * API's real routes: the cookie and CSRF rules, the audit's naming, the logout, the login throttle, and the
 * console switched off.
 */
class ConsoleSessionE2ETest {

    private static EmbeddedMedsync medsync;
    private static AuditTrail audit;

    @BeforeAll
    static void start() throws Exception {
        Path pluginsDir = Files.createTempDirectory("medsync-console-session-plugins");
        FeaturePlugins.install(pluginsDir, "chat");
        audit = new AuditTrail();
        medsync = EmbeddedMedsync.start(Map.of("medsync.plugins.dir", pluginsDir.toString()));
    }

    @AfterAll
    static void stop() {
        medsync.close();
        audit.close();
    }

    /** A console login from this test, as the page makes it; the session's cookie and CSRF token. */
    private record Session(String cookie, String csrfToken) {
    }

    private static Session logIn(String operator) {
        Response response = login(EmbeddedMedsync.ADMIN_TOKEN, operator);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String setCookie = response.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(setCookie.substring(0, setCookie.indexOf(';')), response.json().path("csrfToken").asText());
    }

    private static Response login(String token, String operator) {
        return medsync.http("POST", "/console/session",
                "{\"token\":\"" + token + "\",\"operator\":\"" + operator + "\"}", Map.of());
    }

    private static String chatState() {
        for (JsonNode plugin : medsync.admin("GET", "/admin/plugins", null).json()) {
            if (plugin.path("id").asText().equals("chat")) {
                return plugin.path("state").asText();
            }
        }
        throw new AssertionError("no chat plugin");
    }

    @Test
    void aSessionCookieReadsTheAdminApiButChangesNothingWithoutItsCsrfToken() {
        Session session = logIn("ops-alice");

        Response stats = medsync.http("GET", "/admin/stats", null, Map.of("Cookie", session.cookie()));
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().has("namespaces")).isTrue();

        Response forged = medsync.http("POST", "/admin/plugins/chat/stop", null, Map.of("Cookie", session.cookie()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("error").path("message").asText()).contains("X-Medsync-CSRF");
        Response guessed = medsync.http("POST", "/admin/plugins/chat/stop", null,
                Map.of("Cookie", session.cookie(), "X-Medsync-CSRF", "guess"));
        assertThat(guessed.status()).isEqualTo(403);
        assertThat(chatState()).isEqualTo("STARTED");

        // The operator the request claims is ignored: the session names who acts.
        Response stopped = medsync.http("POST", "/admin/plugins/chat/stop", null, Map.of("Cookie", session.cookie(),
                "X-Medsync-CSRF", session.csrfToken(), "X-Medsync-Operator", "someone-else"));
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(chatState()).isEqualTo("STOPPED");
        audit.await("who=console:ops-alice@127.0.0.1 action=stop target=chat result=ok");

        Response started = medsync.http("POST", "/admin/plugins/chat/start", null,
                Map.of("Cookie", session.cookie(), "X-Medsync-CSRF", session.csrfToken()));
        assertThat(started.status()).isEqualTo(200);
        assertThat(chatState()).isEqualTo("STARTED");
    }

    @Test
    void theBearerTokenStillWorksAndStillNamesTheCliOperator() {
        Response stopped = medsync.admin("POST", "/admin/plugins/chat/reload", null);

        assertThat(stopped.status()).isEqualTo(200);
        audit.await("who=e2e-test@127.0.0.1 action=reload target=chat result=ok");
        assertThat(medsync.http("GET", "/admin/stats", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void afterLogoutTheCookieOpensNothing() {
        Session session = logIn("ops-bob");

        Response out = medsync.http("DELETE", "/console/session", null,
                Map.of("Cookie", session.cookie(), "X-Medsync-CSRF", session.csrfToken()));

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.raw().headers().firstValue("Set-Cookie")).hasValueSatisfying(
                cookie -> assertThat(cookie).startsWith("medsync_console=; Max-Age=0"));
        assertThat(medsync.http("GET", "/admin/stats", null, Map.of("Cookie", session.cookie())).status())
                .isEqualTo(401);
        assertThat(medsync.http("GET", "/console/session", null, Map.of("Cookie", session.cookie())).status())
                .isEqualTo(401);
    }

    @Test
    void theLoginIsThrottledPerAddressAfterFiveWrongTokens() throws Exception {
        // Its own node: the throttle counts every failure from 127.0.0.1, and the other tests log in from there.
        try (EmbeddedMedsync node = EmbeddedMedsync.start()) {
            for (int i = 1; i <= 5; i++) {
                Response refused = node.http("POST", "/console/session",
                        "{\"token\":\"guess-" + i + "\",\"operator\":\"mallory\"}", Map.of());
                assertThat(refused.status()).as("attempt " + i).isEqualTo(401);
                assertThat(refused.raw().headers().firstValue("Set-Cookie")).isEmpty();
            }

            Response throttled = node.http("POST", "/console/session",
                    "{\"token\":\"" + EmbeddedMedsync.ADMIN_TOKEN + "\",\"operator\":\"mallory\"}", Map.of());

            assertThat(throttled.status()).isEqualTo(429);
            int retryAfter = Integer.parseInt(throttled.raw().headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1, 60);
            assertThat(throttled.json().path("error").path("message").asText()).contains("too many failed logins");
            assertThat(throttled.raw().headers().firstValue("Set-Cookie")).isEmpty();
            // The bearer token is not throttled: medsync-admin keeps working for whoever holds it.
            assertThat(node.admin("GET", "/admin/stats", null).status()).isEqualTo(200);
        }
    }

    @Test
    void refusedLoginsTakeAtMostTenEntriesAMinuteOfTheAuditAndTheNextLoginSaysHowManyMore() {
        // A throttle loose enough that one address makes all the attempts (as many addresses would).
        try (EmbeddedMedsync node = EmbeddedMedsync.start(Map.of("medsync.console.login-failures-per-minute", 100))) {
            for (int i = 1; i <= 15; i++) {
                Response refused = node.http("POST", "/console/session",
                        "{\"token\":\"guess-" + i + "\",\"operator\":\"mallory\"}", Map.of());
                assertThat(refused.status()).as("attempt " + i).isEqualTo(401);
            }
            Response ok = node.http("POST", "/console/session",
                    "{\"token\":\"" + EmbeddedMedsync.ADMIN_TOKEN + "\",\"operator\":\"alice\"}", Map.of());
            assertThat(ok.status()).isEqualTo(200);

            JsonNode entries = node.admin("GET", "/admin/audit?limit=100", null).json().path("entries");
            java.util.List<String> logins = new java.util.ArrayList<>();
            entries.forEach(entry -> {
                if (entry.path("action").asText().equals("console-login")) {
                    logins.add(entry.path("who").asText() + " " + entry.path("result").asText());
                }
            });
            assertThat(logins).hasSize(11)
                    .startsWith("console:alice ok (after 5 refused logins in the medsync.audit log only)");
            assertThat(logins.subList(1, 11)).containsOnly("console:mallory refused: wrong admin token");
        }
    }

    @Test
    void withTheConsoleSwitchedOffThereIsNoPageNoLoginAndNoCookieAccess() {
        Session session = logIn("ops-carol");
        try (EmbeddedMedsync node = EmbeddedMedsync.start(Map.of("medsync.console.enabled", false))) {
            assertThat(node.get("/console/").status()).isEqualTo(404);
            assertThat(node.http("POST", "/console/session",
                    "{\"token\":\"" + EmbeddedMedsync.ADMIN_TOKEN + "\",\"operator\":\"x\"}", Map.of()).status())
                    .isEqualTo(404);
            Response withCookie = node.http("GET", "/admin/stats", null, Map.of("Cookie", session.cookie()));
            assertThat(withCookie.status()).isEqualTo(401);
            assertThat(withCookie.json().path("error").path("message").asText())
                    .as("the cookie is not even looked at").contains("bearer token");
            assertThat(node.admin("GET", "/admin/stats", null).status()).isEqualTo(200);
        }
    }
}
