package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.store.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Saved sessions in the platform key-value store, one key per private session id, expiring with the
 * recovery window. A session is restored at most once: whoever deletes the key first has it. In memory on
 * one node; a shared store makes sessions recoverable on every node.
 */
final class SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    private static final String PREFIX = "recovery:session:";

    private final KeyValueStore store;
    private final Duration window;
    private final ObjectMapper mapper;

    SessionStore(KeyValueStore store, Duration window, ObjectMapper mapper) {
        this.store = store;
        this.window = window;
        this.mapper = mapper;
    }

    void save(String pid, SavedSession session) {
        store.put(PREFIX + pid, session.toJson(mapper), window);
    }

    /**
     * Takes the session saved under {@code pid} when {@code allowed} accepts it; a session it refuses stays
     * where it is, for its rightful client.
     */
    Optional<SavedSession> take(String pid, Predicate<SavedSession> allowed) {
        String key = PREFIX + pid;
        Optional<SavedSession> saved = store.get(key).flatMap(text -> parse(key, text));
        if (saved.isEmpty() || !allowed.test(saved.get())) {
            return Optional.empty();
        }
        // Two reconnections with the same pid (two nodes, or a retry): only the one that deletes it restores.
        return store.delete(key) ? saved : Optional.empty();
    }

    private Optional<SavedSession> parse(String key, String text) {
        try {
            return Optional.of(SavedSession.fromJson(mapper, text));
        } catch (IllegalArgumentException e) {
            log.warn("Dropping unreadable saved session {}: {}", key, e.getMessage());
            store.delete(key);
            return Optional.empty();
        }
    }
}
