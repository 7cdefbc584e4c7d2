package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.store.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Sessions in the platform key-value store, one key per private session id, expiring after {@code window}
 * unless written again. A session is restored at most once: whoever deletes the key first has it. In memory
 * on one node; a shared store makes sessions recoverable on every node.
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

    /**
     * Writes a session, or rewrites the one this node wrote last.
     *
     * @param previous what this node last wrote under {@code pid}, empty for a first write
     * @return what was written; empty when the stored session is no longer {@code previous} (another node took
     *     it, or it expired), in which case nothing was written
     */
    Optional<String> write(String pid, SavedSession session, Optional<String> previous) {
        return write(pid, session, Optional.empty(), previous);
    }

    /** @param writer who writes: the texts of two writers of one session then never compare equal */
    Optional<String> write(String pid, SavedSession session, Optional<String> writer, Optional<String> previous) {
        String text = session.toJson(mapper, writer);
        if (previous.isEmpty()) {
            store.put(PREFIX + pid, text, window);
            return Optional.of(text);
        }
        return store.replace(PREFIX + pid, previous, text, window) ? Optional.of(text) : Optional.empty();
    }

    /** Removes the session this node wrote last, unless another node has taken it meanwhile. */
    void discard(String pid, String written) {
        String key = PREFIX + pid;
        // Not atomic: the client left on purpose, so its session is not expected back anywhere.
        if (store.get(key).filter(written::equals).isPresent()) {
            store.delete(key);
        }
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
