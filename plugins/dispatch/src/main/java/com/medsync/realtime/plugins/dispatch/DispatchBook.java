package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.spi.store.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The dispatches the plugin knows, in its store: one entry per dispatch ({@link DispatchState}) and an index
 * of the dispatches still in progress (not in a terminal status), which the poller walks. Both live in the
 * store rather than in memory so that, with a shared store, every node sees the same dispatches.
 *
 * <p>Writes are serialized on this node by one lock, so that comparing a report with the last status and
 * recording the new one cannot interleave with another report for the same node. Across nodes the index is
 * changed with the store's compare-and-set ({@link KeyValueStore#replace}), so two nodes tracking two
 * dispatches at once both end up in it.
 */
final class DispatchBook {

    private static final Logger log = LoggerFactory.getLogger(DispatchBook.class);
    private static final String KEY_PREFIX = "dispatch:";
    private static final String INDEX_KEY = "tracked";
    /** Concurrent changes by other nodes are rare and short; past this many, something else is wrong. */
    private static final int INDEX_ATTEMPTS = 16;

    private final KeyValueStore store;
    private final Duration ttl;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();

    DispatchBook(KeyValueStore store, Duration ttl) {
        this.store = store;
        this.ttl = ttl;
    }

    /** @return the lock that serializes changes to the book on this node; reentrant */
    ReentrantLock lock() {
        return lock;
    }

    /** @return what is known of a dispatch */
    Optional<DispatchState> find(String dispatchId) {
        Optional<String> stored = store.get(KEY_PREFIX + dispatchId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode value = mapper.readTree(stored.get());
            return Optional.of(new DispatchState(dispatchId, value.path("orderId").textValue(),
                    value.path("provider").textValue(), value.path("providerReference").textValue(),
                    DispatchStatus.valueOf(value.path("status").asText()),
                    value.path("trackingUrl").textValue(), value.path("otp").textValue()));
        } catch (IOException | RuntimeException e) {
            // Only this class writes these entries; an unreadable one is treated as forgotten rather than fatal.
            log.warn("Ignoring an unreadable entry for dispatch {}: {}", dispatchId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Records a dispatch's latest state, and keeps it in the index of dispatches in progress or drops it from there. */
    void record(DispatchState state) {
        lock.lock();
        try {
            ObjectNode value = mapper.createObjectNode()
                    .put("orderId", state.orderId())
                    .put("provider", state.provider())
                    .put("providerReference", state.providerReference())
                    .put("status", state.status().name())
                    .put("trackingUrl", state.trackingUrl())
                    .put("otp", state.otp());
            store.put(KEY_PREFIX + state.dispatchId(), value.toString(), ttl);
            // Written even when unchanged, to start the index's TTL again while dispatches keep moving.
            changeIndex(tracked -> {
                if (state.status().isTerminal()) {
                    tracked.remove(state.dispatchId());
                } else {
                    tracked.add(state.dispatchId());
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /** Drops a dispatch from the index of dispatches in progress (its entry expired, or it finished). */
    void untrack(String dispatchId) {
        lock.lock();
        try {
            if (trackedIds().contains(dispatchId)) {
                changeIndex(tracked -> tracked.remove(dispatchId));
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the ids of the dispatches in progress, in the order they were first tracked */
    Set<String> trackedIds() {
        return parseIndex(store.get(INDEX_KEY));
    }

    private Set<String> parseIndex(Optional<String> stored) {
        Set<String> ids = new LinkedHashSet<>();
        stored.ifPresent(json -> {
            try {
                mapper.readTree(json).forEach(id -> ids.add(id.asText()));
            } catch (IOException e) {
                log.warn("Ignoring an unreadable index of tracked dispatches: {}", e.getMessage());
            }
        });
        return ids;
    }

    /**
     * Applies a change to the index: read, change, compare-and-set, again from the top when another node
     * changed it in between. An empty index is kept as {@code []} until it expires, so that it can be compared.
     */
    private void changeIndex(Consumer<Set<String>> change) {
        for (int attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
            Optional<String> stored = store.get(INDEX_KEY);
            Set<String> tracked = parseIndex(stored);
            change.accept(tracked);
            if (tracked.isEmpty() && stored.isEmpty()) {
                return;
            }
            ArrayNode array = mapper.createArrayNode();
            tracked.forEach(array::add);
            if (store.replace(INDEX_KEY, stored, array.toString(), ttl)) {
                return;
            }
        }
        log.warn("The index of tracked dispatches changed under this node {} times in a row; change not made",
                INDEX_ATTEMPTS);
    }
}
