package com.medsync.realtime.server.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where admin changes are recorded for {@code GET /admin/audit}, beside the {@code medsync.audit} log lines: this
 * node's {@link AuditTrail} on a node on its own, and in a cluster the shared one in Redis, with this node's ring
 * behind it for when Redis cannot be reached.
 */
public interface AuditHistory {

    /**
     * One admin change.
     *
     * @param node    the node that recorded it
     * @param who     the operator the caller named (or {@code unnamed})
     * @param address the address the request came from
     * @param action  such as {@code stop}, {@code apply-phase}, {@code disconnect-socket}
     * @param target  what it was done to: a plugin, a phase, a socket, a user
     * @param result  {@code ok}, or how it was refused or failed
     */
    record Entry(Instant at, String node, String who, String address, String action, String target,
            String result) {

        /** @return its fields by name, as {@code GET /admin/audit} shows them ({@code at} in ISO-8601) */
        public Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("at", at.toString());
            fields.put("who", who);
            fields.put("address", address);
            fields.put("action", action);
            fields.put("target", target);
            fields.put("result", result);
            fields.put("node", node);
            return fields;
        }
    }

    /** Where an answer's entries come from: the whole cluster's ({@code REDIS}) or this node's alone. */
    enum Source {
        LOCAL, REDIS
    }

    /**
     * @param problem why the entries are this node's alone although the node is part of a cluster
     */
    record Recent(List<Entry> entries, Source source, Optional<String> problem) {
    }

    /** Records a change; never fails nor waits for anything but memory, so the change it records goes on. */
    void record(String who, String address, String action, String target, String result);

    /** @return the newest changes first, at most {@code limit} */
    Recent recent(int limit);
}
