package com.medsync.realtime.server.console;

import com.medsync.realtime.http.Router;

import java.time.Duration;

/**
 * The operator console on the HTTP API port: its files under {@code /console/}, its login at
 * {@code /console/session}, and {@link #access()}, through which the admin API takes a console session as an
 * alternative to its bearer token. The console itself has no API of its own: its pages call {@code /admin/...}.
 */
public final class Console {

    private static final Duration LOGIN_WINDOW = Duration.ofMinutes(1);

    private final ConsoleAccess access;
    private final ConsoleLogin login;
    private final ConsoleAssets assets = new ConsoleAssets("/console/");

    private Console(ConsoleAccess access, ConsoleLogin login) {
        this.access = access;
        this.login = login;
    }

    /**
     * @param adminToken             the admin API's token, which the login asks for
     * @param secureCookie           whether the session cookie is always marked {@code Secure}
     * @param idleTimeout            how long an unused session lives
     * @param loginFailuresPerMinute failed logins one remote address may make per minute before 429
     * @param audit                  where console logins and logouts go beside the admin changes
     */
    public static Console create(String adminToken, boolean secureCookie, Duration idleTimeout,
            int loginFailuresPerMinute, AuditHistory audit) {
        ConsoleSessions sessions = new ConsoleSessions(idleTimeout, System::nanoTime);
        ConsoleAccess access = new ConsoleAccess(sessions);
        LoginThrottle throttle = new LoginThrottle(loginFailuresPerMinute, LOGIN_WINDOW, System::nanoTime);
        LoginAudit loginAudit = new LoginAudit(audit, System::nanoTime);
        return new Console(access, new ConsoleLogin(sessions, access, throttle, adminToken, secureCookie, loginAudit));
    }

    /** @return the check the admin API runs on a request that comes with a console session cookie */
    public ConsoleAccess access() {
        return access;
    }

    public void routeOn(Router router) {
        router.route("GET", "/console", SecurityHeaders.on(ConsoleAssets::redirectToIndex))
                .route("GET", "/console/", SecurityHeaders.on(assets::index))
                .route("GET", "/console/{file}", SecurityHeaders.on(assets::file))
                .route("POST", "/console/session", SecurityHeaders.on(login::logIn))
                .route("GET", "/console/session", SecurityHeaders.on(login::current))
                .route("DELETE", "/console/session", SecurityHeaders.on(login::logOut));
    }
}
