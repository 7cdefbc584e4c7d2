package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.plugin.admin.SharedPluginSet;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The cluster's plugin set in one Redis key ({@code <prefix>cluster:plugins}, no expiry): the phase, the
 * started plugins and a revision that changes with every write. Nodes {@linkplain #poll poll} the key several
 * times a second and adopt a revision they have not seen; polling a key is cheap, and unlike pub/sub it
 * cannot miss a change made while this node was cut off from Redis.
 */
final class RedisPluginSet implements SharedPluginSet {

    private static final Logger log = LoggerFactory.getLogger(RedisPluginSet.class);

    private final RedisLink redis;
    private final ObjectMapper mapper;
    private final String key;
    private final String node;
    private volatile String seenRevision;

    RedisPluginSet(RedisLink redis, ObjectMapper mapper, String node) {
        this.redis = redis;
        this.mapper = mapper;
        this.key = redis.key("cluster:plugins");
        this.node = node;
    }

    @Override
    public Optional<Snapshot> read() {
        return stored().map(stored -> {
            seenRevision = stored.revision();
            return stored.snapshot();
        });
    }

    @Override
    public void write(Snapshot snapshot) {
        String revision = UUID.randomUUID().toString();
        ObjectNode json = mapper.createObjectNode();
        json.put("revision", revision);
        json.put("writtenBy", node);
        json.put("phase", snapshot.phase().orElse(null));
        snapshot.started().forEach(json.withArray("started")::add);
        try {
            redis.commands().set(key, json.toString());
            seenRevision = revision;
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
    }

    @Override
    public Optional<String> problem() {
        return redis.problem();
    }

    /**
     * Adopts the cluster's plugin set when another node changed it since this node last looked; seeds it with
     * this node's set when the cluster has none yet.
     */
    void poll(Consumer<Snapshot> adopt, Supplier<Snapshot> current) {
        Optional<Stored> stored = stored();
        if (stored.isEmpty()) {
            write(current.get());
            return;
        }
        if (!stored.get().revision().equals(seenRevision)) {
            seenRevision = stored.get().revision();
            adopt.accept(stored.get().snapshot());
        }
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
