package com.medsync.realtime.server.cluster;

import com.medsync.realtime.spi.store.KeyValueStore;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.Optional;

/**
 * The cluster's store: every key lives in Redis under the deployment's prefix ({@code <prefix>kv:<key>}) and
 * expires there ({@code PX}); {@link #putIfAbsent} is one {@code SET NX PX}, so an idempotency key taken on
 * one node is taken on all of them, and {@link #replace} one Lua script, which Redis runs atomically.
 */
public final class RedisKeyValueStore implements KeyValueStore {

    /** KEYS[1]; ARGV: 1 when the key must be absent, else 0; the expected value; the new value; the TTL in ms. */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if ARGV[1] == '1' then
              if current then return 0 end
            elseif current ~= ARGV[2] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            return 1""";

    private final RedisLink redis;

    public RedisKeyValueStore(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public Optional<String> get(String key) {
        return redis.call(() -> Optional.ofNullable(redis.commands().get(name(key))));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        SetArgs expiry = SetArgs.Builder.px(positive(ttl));
        redis.call(() -> redis.commands().set(name(key), value, expiry));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        SetArgs onlyIfAbsent = SetArgs.Builder.nx().px(positive(ttl));
        return redis.call(() -> "OK".equals(redis.commands().set(name(key), value, onlyIfAbsent)));
    }

    @Override
    public boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
        String[] args = {expected.isEmpty() ? "1" : "0", expected.orElse(""), value, Long.toString(positive(ttl))};
        Long set = redis.call(() -> redis.commands().eval(COMPARE_AND_SET, ScriptOutputType.INTEGER,
                new String[] {name(key)}, args));
        return set != null && set == 1L;
    }

    @Override
    public boolean delete(String key) {
        return redis.call(() -> redis.commands().del(name(key)) > 0);
    }

    private String name(String key) {
        return redis.key("kv:" + key);
    }

    private static long positive(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        return Math.max(1, ttl.toMillis());
    }
}
