package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.plugin.admin.Convergence;
import com.medsync.realtime.server.plugin.admin.SharedPluginSet;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cluster's plugin set in one Redis key ({@code <prefix>cluster:plugins}, no expiry): the phase, the
 * started plugins and a revision that changes with every write. Nodes {@linkplain #poll poll} the key several
 * times a second and adopt a revision they have not seen; polling a key is cheap, and unlike pub/sub it
 * cannot miss a change made while this node was cut off from Redis. Each node reports the revision it adopted
 * last, and whether it runs it, with its figures ({@link #withAdoption}); the node that wrote a revision can so
 * {@linkplain #awaitEveryNode wait} for the others.
 */
final class RedisPluginSet implements SharedPluginSet {

    private static final Logger log = LoggerFactory.getLogger(RedisPluginSet.class);

    /** How often a node waiting for the others reads their reports. */
    private static final Duration AWAIT_STEP = Duration.ofMillis(100);

    private final RedisLink redis;
    private final ObjectMapper mapper;
    private final String key;
    private final String node;
    private final ClusterMembers members;
    private final Clock clock;
    private volatile String seenRevision;
    private volatile Adoption adoption;

    /** The revision this node adopted last, and why it does not run that set (empty when it does). */
    private record Adoption(String revision, Optional<String> problem) {
    }

    RedisPluginSet(RedisLink redis, ObjectMapper mapper, String node, ClusterMembers members, Clock clock) {
        this.redis = redis;
        this.mapper = mapper;
        this.key = redis.key("cluster:plugins");
        this.node = node;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public Optional<Snapshot> read() {
        return stored().map(stored -> {
            seenRevision = stored.revision();
            return stored.snapshot();
        });
    }

    @Override
    public String write(Snapshot snapshot) {
        String revision = UUID.randomUUID().toString();
        ObjectNode json = mapper.createObjectNode();
        json.put("revision", revision);
        json.put("writtenBy", node);
        json.put("phase", snapshot.phase().orElse(null));
        snapshot.started().forEach(json.withArray("started")::add);
        try {
            redis.commands().set(key, json.toString());
            seenRevision = revision;
            adoption = new Adoption(revision, Optional.empty());
            return revision;
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
    }

    @Override
    public Convergence awaitEveryNode(String revision, Optional<String> localProblem, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Convergence latest = null;
        while (true) {
            try {
                latest = PluginSetConvergence.of(revision, node, localProblem, members.list());
            } catch (StoreUnavailableException e) {
                latest = PluginSetConvergence.unreadable(node, localProblem, e.getMessage());
            }
            boolean pending = latest.nodes().stream()
                    .anyMatch(outcome -> Convergence.NodeOutcome.PENDING.equals(outcome.state()));
            if (!pending || !clock.instant().isBefore(deadline)) {
                return latest;
            }
            try {
                Thread.sleep(AWAIT_STEP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
        }
    }

    /** @return {@code figures} with the revision this node adopted last and whether it runs it */
    Map<String, Object> withAdoption(Map<String, Object> figures) {
        Adoption last = adoption;
        if (last == null) {
            return figures;
        }
        Map<String, Object> pluginSet = new LinkedHashMap<>();
        pluginSet.put("revision", last.revision());
        pluginSet.put("reached", last.problem().isEmpty());
        pluginSet.put("problem", last.problem().orElse(null));
        Map<String, Object> reported = new LinkedHashMap<>(figures);
        reported.put(PluginSetConvergence.REPORT, pluginSet);
        return reported;
    }

    @Override
    public Optional<String> problem() {
        return redis.problem();
    }

    /**
     * Adopts the cluster's plugin set when another node changed it since this node last looked, or
     * {@code again} (this node's plugins changed, so a set it could not run may now run); seeds it with this
     * node's set when the cluster has none yet.
     *
     * @param adopt brings this node to a set, answering why it does not run it (empty when it does)
     * @return whether a set was adopted
     */
    boolean poll(Function<Snapshot, Optional<String>> adopt, Supplier<Snapshot> current, boolean again) {
        Optional<Stored> stored = stored();
        if (stored.isEmpty()) {
            write(current.get());
            return false;
        }
        if (!stored.get().revision().equals(seenRevision) || again) {
            seenRevision = stored.get().revision();
            adoption = new Adoption(stored.get().revision(), adopt.apply(stored.get().snapshot()));
            return true;
        }
        return false;
    }

    private Optional<Stored> stored() {
        String value;
        try {
            value = redis.commands().get(key);
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode json = mapper.readTree(value);
            List<String> started = new ArrayList<>();
            json.path("started").forEach(id -> started.add(id.asText()));
            Optional<String> phase = json.path("phase").isTextual() ? Optional.of(json.path("phase").asText())
                    : Optional.empty();
            return Optional.of(new Stored(json.path("revision").asText(), new Snapshot(phase, started)));
        } catch (IOException e) {
            log.error("Ignoring the cluster's unreadable plugin set in {}: {}", key, e.getMessage());
            throw new StoreUnavailableException("the cluster's plugin set in " + key + " is unreadable");
        }
    }

    private record Stored(String revision, Snapshot snapshot) {
    }
}
