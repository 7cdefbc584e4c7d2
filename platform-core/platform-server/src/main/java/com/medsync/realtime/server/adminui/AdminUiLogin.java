package com.medsync.realtime.server.adminui;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Who may open {@code /admin}, as the Admin UI's reference server decides it: the CONNECT's
 * {@code auth: {username, password}} checked against the configured username and bcrypt hash, after which the UI is
 * given a session id ({@code session} event) that it sends instead ({@code auth: {sessionId}}) when it reconnects.
 * Without a configured login (read-only only) everyone is let in.
 *
 * <p>A bcrypt check takes tens of milliseconds of a handler thread, the threads every app client shares, so only
 * one runs at a time: a flood of logins cannot starve the apps, it only gets "try again" answers.
 */
final class AdminUiLogin {

    private static final Logger log = LoggerFactory.getLogger(AdminUiLogin.class);

    /** The refusal the reference server gives, which the Admin UI shows under its login form. */
    static final String INVALID_CREDENTIALS = "invalid credentials";
    static final String BUSY = "another login is being checked, try again";
    /** The claim of the principal that carries a session id made by this login, for the {@code session} event. */
    static final String NEW_SESSION_CLAIM = "adminUiSession";
    /** The identity of every Admin UI socket (which counts against no user: see OperatorNamespace). */
    static final String OPERATOR = "admin-ui";

    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> username;
    private final Optional<String> passwordHash;
    private final Clock clock;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Semaphore checking = new Semaphore(1);

    /** @param username and {@code passwordHash} both present (a login), or both absent (everyone is let in) */
    AdminUiLogin(Optional<String> username, Optional<String> passwordHash, Clock clock) {
        if (username.isPresent() != passwordHash.isPresent()) {
            throw new IllegalArgumentException("a login needs both a username and a password hash");
        }
        this.username = username;
        this.passwordHash = passwordHash;
        this.clock = clock;
    }

    /**
     * @return the Admin UI's principal; when the password was checked, its {@link #NEW_SESSION_CLAIM} holds the
     *     session id to give the UI
     * @throws AuthenticationException with the message the UI shows
     */
    Principal authenticate(Handshake handshake) throws AuthenticationException {
        if (passwordHash.isEmpty()) {
            return principal(Map.of());
        }
        Map<String, Object> auth = handshake.auth();
        if (auth.get("sessionId") instanceof String sessionId && isLive(sessionId)) {
            return principal(Map.of());
        }
        if (!(auth.get("username") instanceof String givenName) || !(auth.get("password") instanceof String password)) {
            throw new AuthenticationException(INVALID_CREDENTIALS);
        }
        if (!checking.tryAcquire()) {
            throw new AuthenticationException(BUSY);
        }
        boolean matches;
        try {
            // Both checked whatever the first says, so the time taken tells nothing of which one failed.
            boolean nameMatches = MessageDigest.isEqual(givenName.getBytes(StandardCharsets.UTF_8),
                    username.get().getBytes(StandardCharsets.UTF_8));
            matches = passwordMatches(password, passwordHash.get()) && nameMatches;
        } finally {
            checking.release();
        }
        if (!matches) {
            log.warn("Admin UI login refused from {}", handshake.remoteAddress().getAddress());
            throw new AuthenticationException(INVALID_CREDENTIALS);
        }
        log.info("Admin UI login from {}", handshake.remoteAddress().getAddress());
        return principal(Map.of(NEW_SESSION_CLAIM, newSession()));
    }

    /**
     * As bcryptjs, which the reference server uses, a password past bcrypt's 72 bytes is cut there rather than
     * refused.
     */
    static boolean passwordMatches(String password, String bcryptHash) {
        try {
            return BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A))
                    .verify(password.toCharArray(), bcryptHash).verified;
        } catch (IllegalArgumentException e) {
            // A hash the library cannot read (the settings check its shape, not every detail) matches nothing.
            log.error("The Admin UI's password hash cannot be read: {}", e.getMessage());
            return false;
        }
    }

    private boolean isLive(String sessionId) {
        Instant expires = sessions.get(sessionId);
        if (expires == null) {
            return false;
        }
        if (clock.instant().isAfter(expires)) {
            sessions.remove(sessionId, expires);
            return false;
        }
        return true;
    }

    /** Sessions live {@link #SESSION_LIFETIME}; the oldest give way when there are too many. */
    private String newSession() {
        Instant now = clock.instant();
        sessions.values().removeIf(expires -> now.isAfter(expires));
        while (sessions.size() >= MAX_SESSIONS) {
            Iterator<Map.Entry<String, Instant>> oldest = sessions.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue()).iterator();
            if (!oldest.hasNext()) {
                break;
            }
            sessions.remove(oldest.next().getKey());
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        sessions.put(id, now.plus(SESSION_LIFETIME));
        return id;
    }

    private static Principal principal(Map<String, Object> claims) {
        return new Principal(OPERATOR, Role.ADMIN, Optional.empty(), Set.of(), Instant.MAX, claims);
    }
}
