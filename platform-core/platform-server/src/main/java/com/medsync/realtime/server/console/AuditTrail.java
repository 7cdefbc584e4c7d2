package com.medsync.realtime.server.console;

import java.time.Instant;
import java.util.List;

/**
 * The last {@value #CAPACITY} admin changes made on this node, newest first, beside the {@code medsync.audit} log
 * lines (which stay the record operators keep): what a console shows as "recent changes". In memory only, so it
 * starts empty when the node restarts.
 */
public final class AuditTrail {

    public static final int CAPACITY = 500;

    /**
     * One admin change.
     *
     * @param who     the operator the caller named (or {@code unnamed})
     * @param address the address the request came from
     * @param action  such as {@code stop}, {@code apply-phase}, {@code disconnect-socket}
     * @param target  what it was done to: a plugin, a phase, a socket, a user
     * @param result  {@code ok}, or how it was refused or failed
     */
    public record Entry(long seq, Instant at, String who, String address, String action, String target,
            String result) {
    }

    private final Ring<Entry> ring = new Ring<>(CAPACITY, Entry::seq);

    public void record(String who, String address, String action, String target, String result) {
        Instant at = Instant.now();
        ring.add(seq -> new Entry(seq, at, who, address, action, target, result));
    }

    /** @return the newest changes first, at most {@code limit} */
    public List<Entry> newestFirst(int limit) {
        return ring.newestFirst(limit);
    }
}
