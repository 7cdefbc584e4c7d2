package com.medsync.realtime.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /console/session}: log in with the admin token ({@code POST}), ask who is logged in and the CSRF token
 * again after a page reload ({@code GET}), log out ({@code DELETE}). The token travels once, in a JSON body,
 * never in a URL (URLs end up in logs and browser history); the browser keeps only the session cookie, which
 * page scripts cannot read.
 */
final class ConsoleLogin {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLogin.class);
    /** Characters the audit log keeps as they are, so the name an operator typed is the name it shows. */
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9_.@-]{1,48}");

    private final ConsoleSessions sessions;
    private final ConsoleAccess access;
    private final LoginThrottle throttle;
    private final byte[] adminToken;
    private final boolean secureCookie;
    private final LoginAudit audit;

    /**
     * @param adminToken   the admin API's token; null or empty lets nobody in
     * @param secureCookie whether the session cookie is always marked {@code Secure}
     * @param audit        where logins and logouts are recorded
     */
    ConsoleLogin(ConsoleSessions sessions, ConsoleAccess access, LoginThrottle throttle, String adminToken,
            boolean secureCookie, LoginAudit audit) {
        this.audit = audit;
        this.sessions = sessions;
        this.access = access;
        this.throttle = throttle;
        this.adminToken = adminToken == null ? new byte[0] : adminToken.getBytes(StandardCharsets.UTF_8);
        this.secureCookie = secureCookie;
    }

    HttpResponse logIn(HttpRequest request) {
        String address = request.remoteAddress();
        Optional<Duration> wait = throttle.refusal(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            log.debug("console login from {} refused for {} s: too many failures", address, seconds);
            throw new HttpProblem(429, "TOO_MANY_REQUESTS",
                    "too many failed logins from this address: try again in " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        LoginForm presented = LoginForm.of(request);
        if (!isAdminToken(presented.token())) {
            throttle.failed(address);
            audit.refused(presented.operator(), address, "wrong admin token");
            throw HttpProblem.unauthorized("wrong admin token");
        }
        throttle.succeeded(address);
        ConsoleSession session = sessions.open(presented.operator());
        audit.record(session.operator(), address, "console-login", "ok");
        return describe(session).header("Set-Cookie", SessionCookie.issue(session.id(), secure(request)));
    }

    HttpResponse current(HttpRequest request) {
        return describe(access.require(request));
    }

    HttpResponse logOut(HttpRequest request) {
        if (access.sessionOf(request).isPresent()) {
            ConsoleSession session = access.require(request);
            sessions.close(session.id());
            audit.record(session.operator(), request.remoteAddress(), "console-logout", "ok");
        }
        // Cleared whether or not the session was still live, so a stale cookie goes too.
        return HttpResponse.empty(204).header("Cache-Control", "no-store")
                .header("Set-Cookie", SessionCookie.clear(secure(request)));
    }

    private HttpResponse describe(ConsoleSession session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operator", session.operator());
        body.put("csrfToken", session.csrfToken());
        body.put("idleTimeoutSeconds", sessions.idleTimeout().toSeconds());
        // The CSRF token must not be kept by any cache between here and the browser.
        return HttpResponse.json(200, body).header("Cache-Control", "no-store");
    }

    private boolean isAdminToken(String token) {
        // The presented token goes first: isEqual's time follows its length, never the secret's.
        return adminToken.length > 0
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken);
    }

    /** Secure when configured, or when the proxy in front says the browser came over HTTPS. */
    private boolean secure(HttpRequest request) {
        return secureCookie || request.header("X-Forwarded-Proto")
                .map(proto -> proto.trim().toLowerCase(Locale.ROOT).equals("https")).orElse(false);
    }

    /** What a login request body carries, checked. */
    private record LoginForm(String token, String operator) {

        static LoginForm of(HttpRequest request) {
            String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            // A form on another site can post text/plain or form bodies without asking; only JSON is read here.
            if (!contentType.startsWith("application/json")) {
                throw new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "send the login as application/json");
            }
            JsonNode body = request.bodyAsJson();
            JsonNode token = body.path("token");
            JsonNode operator = body.path("operator");
            if (!token.isTextual() || token.asText().isEmpty() || !operator.isTextual()) {
                throw HttpProblem.badRequest("body must be {\"token\": \"<admin token>\", \"operator\": \"<your name>\"}");
            }
            if (!OPERATOR.matcher(operator.asText()).matches()) {
                throw HttpProblem.badRequest("operator must be 1 to 48 characters of A-Z a-z 0-9 _ . @ -");
            }
            return new LoginForm(token.asText(), operator.asText());
        }

        @Override
        public String toString() {
            return "LoginForm[" + operator + "]"; // never the token
        }
    }
}
