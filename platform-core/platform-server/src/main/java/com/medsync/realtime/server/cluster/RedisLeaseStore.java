package com.medsync.realtime.server.cluster;

import com.medsync.realtime.server.lease.LeaseStore;

import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The cluster's leases in Redis: the lease {@code <prefix>lease:<name>} holds {@code <node>|<token>} and expires
 * ({@code PX}) unless renewed; its fencing tokens come from the counter {@code <prefix>lease-token:<name>}, which
 * never expires. Each operation is one Lua script, which Redis runs atomically: taking a token and setting the
 * lease if absent (a {@code SET NX PX}), extending it only for its holder and token (compare and {@code PEXPIRE}),
 * deleting it only for them (compare and {@code DEL}).
 */
public final class RedisLeaseStore implements LeaseStore {

    /** KEYS: the lease, its token counter; ARGV: the holder, the ttl in ms. Returns the new token, or 0 when held. */
    private static final String ACQUIRE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local token = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
            return token""";

    /** KEYS: the lease; ARGV: holder|token, the ttl in ms. Returns 1 when extended. */
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])""";

    /** KEYS: the lease; ARGV: holder|token. Returns 1 when deleted. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            return redis.call('DEL', KEYS[1])""";

    private final RedisLink redis;

    public RedisLeaseStore(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public OptionalLong acquire(String lease, String holder, Duration ttl) {
        Long token = redis.call(() -> redis.commands().eval(ACQUIRE, ScriptOutputType.INTEGER,
                new String[] {key(lease), redis.key("lease-token:" + lease)}, holder, millis(ttl)));
        return token == null || token == 0 ? OptionalLong.empty() : OptionalLong.of(token);
    }

    @Override
    public boolean renew(String lease, String holder, long token, Duration ttl) {
        Long renewed = redis.call(() -> redis.commands().eval(RENEW, ScriptOutputType.INTEGER,
                new String[] {key(lease)}, holder + "|" + token, millis(ttl)));
        return renewed != null && renewed == 1L;
    }

    @Override
    public void release(String lease, String holder, long token) {
        redis.call(() -> redis.commands().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key(lease)},
                holder + "|" + token));
    }

    private String key(String lease) {
        return redis.key("lease:" + lease);
    }

    private static String millis(Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis()));
    }
}
