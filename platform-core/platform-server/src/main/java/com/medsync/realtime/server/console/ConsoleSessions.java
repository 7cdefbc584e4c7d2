package com.medsync.realtime.server.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The console sessions of this node, in memory: a restart or another node knows none of them, and the operator
 * logs in again. A session not used for the idle timeout is gone. At most {@link #MAX_SESSIONS} live at once;
 * opening one more forgets the least recently used, so memory stays bounded however often someone logs in.
 *
 * <p>Thread-safe.
 */
public final class ConsoleSessions {

    static final int MAX_SESSIONS = 256;
    private static final int RANDOM_BYTES = 32;

    private final Duration idleTimeout;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    // Access order: the eldest entry is the one used least recently, so expired ones are always at the front.
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Entry {
        final ConsoleSession session;
        long lastUsedNanos;

        Entry(ConsoleSession session, long lastUsedNanos) {
            this.session = session;
            this.lastUsedNanos = lastUsedNanos;
        }
    }

    /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests move their own) */
    public ConsoleSessions(Duration idleTimeout, LongSupplier nanoClock) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
        }
        this.idleTimeout = idleTimeout;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Opens a session for {@code operator} with a fresh random id and CSRF token. */
    public synchronized ConsoleSession open(String operator) {
        long now = nanoClock.getAsLong();
        forgetExpired(now);
        if (sessions.size() >= MAX_SESSIONS) {
            Iterator<String> leastRecentlyUsed = sessions.keySet().iterator();
            leastRecentlyUsed.next();
            leastRecentlyUsed.remove();
        }
        ConsoleSession session = new ConsoleSession(randomToken(), randomToken(), operator);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /**
     * Finds a live session and counts this as a use, which restarts its idle time.
     *
     * @return the session, or empty when the id is unknown or the session expired
     */
    public synchronized Optional<ConsoleSession> use(String id) {
        long now = nanoClock.getAsLong();
        forgetExpired(now);
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        entry.lastUsedNanos = now;
        return Optional.of(entry.session);
    }

    /** Ends a session (log out); nothing happens for an unknown id. */
    public synchronized void close(String id) {
        sessions.remove(id);
    }

    /** @return how many sessions are live now */
    public synchronized int size() {
        forgetExpired(nanoClock.getAsLong());
        return sessions.size();
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Entry>> eldestFirst = sessions.entrySet().iterator();
        while (eldestFirst.hasNext()) {
            if (now - eldestFirst.next().getValue().lastUsedNanos < idleTimeout.toNanos()) {
                return;
            }
            eldestFirst.remove();
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
