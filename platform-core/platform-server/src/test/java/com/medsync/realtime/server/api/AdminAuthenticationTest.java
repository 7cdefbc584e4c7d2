package com.medsync.realtime.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.http.HttpApiServer;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpServerSettings;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.console.AuditTrail;
import com.medsync.realtime.server.console.Console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API's one check of who calls: the admin token, or a console session with its CSRF token. */
class AdminAuthenticationTest {

    private static final String ADMIN_TOKEN = "the-admin-token";

    private final Console console = Console.create(ADMIN_TOKEN, false, Duration.ofMinutes(30), 5,
            new AuditTrail("node-1"));
    private final AdminAuthentication authentication = new AdminAuthentication(ADMIN_TOKEN,
            Optional.of(console.access()));
    private HttpApiServer server;
    private String cookie;
    private String csrfToken;

    /** Logs in through the console's real route, as a browser does. */
    @BeforeEach
    void logIn() throws Exception {
        Router router = new Router();
        console.routeOn(router);
        server = HttpApiServer.start(new HttpServerSettings("127.0.0.1", 0, 65536, 2, false), router);
        HttpResponse<String> response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/console/session"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"token\":\"" + ADMIN_TOKEN + "\",\"operator\":\"alice\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        csrfToken = new ObjectMapper().readTree(response.body()).path("csrfToken").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertRefused(HttpRequest request, AdminAuthentication check, int status) {
        assertThatThrownBy(() -> check.authenticate(request)).isInstanceOfSatisfying(HttpProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(status));
    }

    @Test
    void theBearerTokenWorksAsBeforeAndKeepsTheOperatorTheCliNamed() {
        HttpRequest request = HttpRequest.builder("POST", "/admin/plugins/chat/stop")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("X-Medsync-Operator", "ops-bot").build();

        assertThat(authentication.authenticate(request).header("X-Medsync-Operator")).hasValue("ops-bot");
        HttpRequest posing = HttpRequest.builder("POST", "/admin/plugins/chat/stop")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("X-Medsync-Operator", "console:alice").build();
        assertThat(authentication.authenticate(posing).header("X-Medsync-Operator"))
                .as("console: in the audit means a console session").hasValue("console_alice");
        assertRefused(HttpRequest.builder("GET", "/admin/stats").header("Authorization", "Bearer nope").build(),
                authentication, 401);
        assertRefused(HttpRequest.builder("GET", "/admin/stats").build(), authentication, 401);
    }

    @Test
    void aConsoleSessionIsNamedConsoleOperatorWhateverTheRequestClaims() {
        HttpRequest request = HttpRequest.builder("POST", "/admin/phases/week3/apply").header("Cookie", cookie)
                .header("X-Medsync-CSRF", csrfToken).header("X-Medsync-Operator", "someone-else").build();

        assertThat(authentication.authenticate(request).header("X-Medsync-Operator")).hasValue("console:alice");
        assertThat(authentication.authenticate(HttpRequest.builder("GET", "/admin/stats").header("Cookie", cookie)
                .build()).header("X-Medsync-Operator")).hasValue("console:alice");
    }

    @Test
    void aChangeThroughTheConsoleWithoutItsCsrfTokenIs403() {
        assertRefused(HttpRequest.builder("POST", "/admin/phases/week3/apply").header("Cookie", cookie).build(),
                authentication, 403);
        assertRefused(HttpRequest.builder("DELETE", "/admin/plugins/chat").header("Cookie", cookie)
                .header("X-Medsync-CSRF", "guess").build(), authentication, 403);
    }

    @Test
    void aWrongBearerTokenIsNotRescuedByACookieAndAStaleCookieIs401() {
        assertRefused(HttpRequest.builder("GET", "/admin/stats").header("Cookie", cookie)
                .header("Authorization", "Bearer nope").build(), authentication, 401);
        assertRefused(HttpRequest.builder("GET", "/admin/stats").header("Cookie", "medsync_console=stale").build(),
                authentication, 401);
    }

    @Test
    void withTheConsoleOffACookieOpensNothing() {
        AdminAuthentication bearerOnly = new AdminAuthentication(ADMIN_TOKEN, Optional.empty());

        assertRefused(HttpRequest.builder("GET", "/admin/stats").header("Cookie", cookie).build(), bearerOnly, 401);
    }
}
