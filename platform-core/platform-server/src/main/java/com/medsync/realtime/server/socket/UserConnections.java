package com.medsync.realtime.server.socket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many sockets each user has open on this node, against the per-user limit. */
final class UserConnections {

    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    UserConnections(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** @return true when the user was under the limit and now holds one more connection */
    boolean tryAcquire(String userId) {
        boolean[] acquired = {false};
        open.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(String userId) {
        open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }
}
