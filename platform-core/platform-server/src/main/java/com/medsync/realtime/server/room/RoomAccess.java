package com.medsync.realtime.server.room;

import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.room.Verdict;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The room-policy chain, deny by default: a join is allowed when some policy allows it and none denies
 * it. The backend callback, the one policy that costs a network call, is asked last and only when nothing
 * else allowed the join.
 */
public final class RoomAccess {

    private static final Logger log = LoggerFactory.getLogger(RoomAccess.class);

    private final List<RoomPolicy> policies = new CopyOnWriteArrayList<>();
    private final Optional<RoomPolicy> fallback;

    public RoomAccess(List<RoomPolicy> builtIn, Optional<RoomPolicy> fallback) {
        this.policies.addAll(builtIn);
        this.fallback = fallback;
    }

    /** Adds a policy contributed at runtime (by a plugin, while it runs). */
    public void add(RoomPolicy policy) {
        policies.add(policy);
    }

    public void remove(RoomPolicy policy) {
        policies.remove(policy);
    }

    public boolean mayJoin(Principal principal, Room room) {
        boolean allowed = false;
        for (RoomPolicy policy : policies) {
            Verdict verdict = decide(policy, principal, room);
            if (verdict == Verdict.DENY) {
                return false;
            }
            allowed |= verdict == Verdict.ALLOW;
        }
        if (allowed) {
            return true;
        }
        return fallback.map(policy -> decide(policy, principal, room) == Verdict.ALLOW).orElse(false);
    }

    private static Verdict decide(RoomPolicy policy, Principal principal, Room room) {
        try {
            Verdict verdict = policy.decide(principal, room);
            return verdict == null ? Verdict.ABSTAIN : verdict;
        } catch (RuntimeException | LinkageError e) {
            // A failing policy must not open a room; it says nothing, and deny-by-default does the rest.
            log.error("Room policy {} failed on {}", policy.getClass().getName(), room, e);
            return Verdict.ABSTAIN;
        }
    }
}
