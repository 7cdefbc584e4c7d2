package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.plugin.admin.JarManifest;
import com.medsync.realtime.server.plugin.admin.SharedJars;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster's plugin jars in Redis, no expiry: {@code <prefix>cluster:jars} is a hash of manifests (JSON) by
 * plugin id, and {@code <prefix>cluster:jar:<id>:<sha256>} holds a jar's bytes, Base64-encoded because this
 * node's connection speaks strings. The bytes are written before the manifest that names them, so a node
 * never sees a manifest without its jar; the previous version's bytes go once the new manifest is in place.
 */
final class RedisJarStore implements SharedJars {

    private final RedisLink redis;
    private final ObjectMapper mapper;
    private final String manifests;

    RedisJarStore(RedisLink redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
        this.manifests = redis.key("cluster:jars");
    }

    @Override
    public void publish(JarManifest manifest, byte[] jar) {
        try {
            RedisCommands<String, String> commands = redis.commands();
            String previous = commands.hget(manifests, manifest.pluginId());
            commands.set(bytesKey(manifest.pluginId(), manifest.sha256()), Base64.getEncoder().encodeToString(jar));
            commands.hset(manifests, manifest.pluginId(), json(manifest));
            if (previous != null) {
                String previousSha = parse(previous).sha256();
                if (!previousSha.equals(manifest.sha256())) {
                    commands.del(bytesKey(manifest.pluginId(), previousSha));
                }
            }
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
    }

    @Override
    public void withdraw(String pluginId) {
        try {
            RedisCommands<String, String> commands = redis.commands();
            String previous = commands.hget(manifests, pluginId);
            if (previous == null) {
                return;
            }
            commands.hdel(manifests, pluginId);
            commands.del(bytesKey(pluginId, parse(previous).sha256()));
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
    }

    @Override
    public Map<String, JarManifest> manifests() {
        Map<String, String> stored;
        try {
            stored = redis.commands().hgetall(manifests);
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
        Map<String, JarManifest> byId = new LinkedHashMap<>();
        stored.forEach((id, json) -> byId.put(id, parse(json)));
        return byId;
    }

    @Override
    public byte[] fetch(JarManifest manifest) {
        String key = bytesKey(manifest.pluginId(), manifest.sha256());
        String encoded;
        try {
            encoded = redis.commands().get(key);
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
        if (encoded == null) {
            throw new IllegalStateException("no jar stored in " + key);
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the jar stored in " + key + " is not Base64: " + e.getMessage());
        }
    }

    private String bytesKey(String pluginId, String sha256) {
        return redis.key("cluster:jar:" + pluginId + ":" + sha256);
    }

    private String json(JarManifest manifest) {
        ObjectNode json = mapper.createObjectNode();
        json.put("pluginId", manifest.pluginId());
        json.put("version", manifest.version());
        json.put("fileName", manifest.fileName());
        json.put("sha256", manifest.sha256());
        json.put("size", manifest.size());
        json.put("loadedBy", manifest.loadedBy());
        json.put("loadedAt", manifest.loadedAt().toString());
        return json.toString();
    }

    private JarManifest parse(String value) {
        try {
            JsonNode json = mapper.readTree(value);
            return new JarManifest(json.path("pluginId").asText(), json.path("version").asText(),
                    json.path("fileName").asText(), json.path("sha256").asText(), json.path("size").asLong(),
                    json.path("loadedBy").asText(), Instant.parse(json.path("loadedAt").asText()));
        } catch (IOException | RuntimeException e) {
            throw new StoreUnavailableException("a plugin jar manifest in " + manifests + " is unreadable: "
                    + e.getMessage());
        }
    }
}
