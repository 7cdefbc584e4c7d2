package com.medsync.realtime.server.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The last {@value #CAPACITY} admin changes made on this node, newest first: what a console shows as "recent
 * changes" on a node on its own, and in a cluster when Redis cannot be reached. In memory only, so it starts
 * empty when the node restarts.
 */
public final class AuditTrail implements AuditHistory {

    public static final int CAPACITY = 500;

    /** The ring tells a slot still holding the entry it wants from one overwritten since by its number. */
    private record Numbered(long seq, Entry entry) {
    }

    private final String node;
    private final Ring<Numbered> ring = new Ring<>(CAPACITY, Numbered::seq);

    /** @param node this node's id, which every entry names */
    public AuditTrail(String node) {
        this.node = node;
    }

    @Override
    public void record(String who, String address, String action, String target, String result) {
        add(who, address, action, target, result);
    }

    /** @return the entry recorded */
    public Entry add(String who, String address, String action, String target, String result) {
        Entry entry = new Entry(Instant.now(), node, who, address, action, target, result);
        ring.add(seq -> new Numbered(seq, entry));
        return entry;
    }

    @Override
    public Recent recent(int limit) {
        return new Recent(newestFirst(limit), Source.LOCAL, Optional.empty());
    }

    /** @return the newest changes first, at most {@code limit} */
    public List<Entry> newestFirst(int limit) {
        return ring.newestFirst(limit).stream().map(Numbered::entry).toList();
    }
}
