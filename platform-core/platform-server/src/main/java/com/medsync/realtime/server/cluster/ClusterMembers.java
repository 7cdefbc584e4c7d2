package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The nodes of the cluster, for {@code GET /admin/stats}: each node writes its own figures under
 * {@code <prefix>node:<id>} with a short expiry and lists its id in {@code <prefix>nodes}; a node that stops
 * writing drops out when its entry expires.
 */
final class ClusterMembers {

    /** A node whose entry is older than this is gone. */
    static final Duration ENTRY_TTL = Duration.ofSeconds(10);

    private final RedisLink redis;
    private final ObjectMapper mapper;
    private final String node;
    private final String members;

    ClusterMembers(RedisLink redis, ObjectMapper mapper, String node) {
        this.redis = redis;
        this.mapper = mapper;
        this.node = node;
        this.members = redis.key("nodes");
    }

    /** Publishes this node's figures. */
    void report(Map<String, Object> figures) {
        ObjectNode entry = mapper.valueToTree(figures);
        entry.put("node", node);
        try {
            RedisCommands<String, String> commands = redis.commands();
            commands.set(entryKey(node), entry.toString(), SetArgs.Builder.px(ENTRY_TTL.toMillis()));
            commands.sadd(members, node);
        } catch (RedisException e) {
            throw redis.unavailable(e);
        }
    }

    /** @return the figures of every live node, by node id; forgets the nodes whose entry expired */
    List<JsonNode> list() {
        List<JsonNode> nodes = new ArrayList<>();
        try {
            RedisCommands<String, String> commands = redis.commands();
            for (String id : new TreeSet<>(commands.smembers(members))) {
                String entry = commands.get(entryKey(id));
                if (entry == null) {
                    commands.srem(members, id);
                    continue;
                }
                nodes.add(mapper.readTree(entry));
            }
        } catch (RedisException e) {
            throw redis.unavailable(e);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable node entry in " + members, e);
        }
        return nodes;
    }

    /** Takes this node out of the list at once, rather than when its entry expires. */
    void leave() {
        try {
            RedisCommands<String, String> commands = redis.commands();
            commands.del(entryKey(node));
            commands.srem(members, node);
        } catch (RuntimeException e) {
            // Leaving is a courtesy; the entry expires anyway.
        }
    }

    private String entryKey(String id) {
        return redis.key("node:" + id);
    }
}
