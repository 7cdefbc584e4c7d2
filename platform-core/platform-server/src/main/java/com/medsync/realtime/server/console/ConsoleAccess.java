package com.medsync.realtime.server.console;

import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * What a request must show to act through a console session: the session cookie of a live session and, for
 * every method that may change something, the session's CSRF token in {@value #CSRF_HEADER}. The cookie alone
 * goes with any request the browser makes to this origin; the header proves the request comes from the
 * console's own page, which alone learned the token (in the login answer). Another site can neither read the
 * token nor, without CORS, set a custom header on a cross-origin request.
 */
public final class ConsoleAccess {

    public static final String CSRF_HEADER = "X-Medsync-CSRF";
    /** Methods that never change state (the admin API keeps it that way), so they need no CSRF token. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final ConsoleSessions sessions;

    ConsoleAccess(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /** @return whether the request carries a console session cookie at all (live or not) */
    public boolean presentsSession(HttpRequest request) {
        return SessionCookie.read(request).isPresent();
    }

    /**
     * @return the live session the request's cookie names, checked against CSRF unless the method is safe
     * @throws HttpProblem 401 when there is no cookie or its session is unknown or expired; 403 when a
     *                     changing request lacks the session's CSRF token
     */
    public ConsoleSession require(HttpRequest request) {
        ConsoleSession session = sessionOf(request).orElseThrow(() -> HttpProblem.unauthorized(
                "no console session or it expired: log in again"));
        if (!SAFE_METHODS.contains(request.method()) && !carriesCsrfToken(request, session)) {
            throw new HttpProblem(403, "CSRF_TOKEN_REQUIRED", request.method()
                    + " with a console session needs the session's CSRF token in " + CSRF_HEADER);
        }
        return session;
    }

    /** @return the live session the request's cookie names, counted as a use; no CSRF check */
    Optional<ConsoleSession> sessionOf(HttpRequest request) {
        return SessionCookie.read(request).flatMap(sessions::use);
    }

    private static boolean carriesCsrfToken(HttpRequest request, ConsoleSession session) {
        return request.header(CSRF_HEADER)
                .map(sent -> MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
