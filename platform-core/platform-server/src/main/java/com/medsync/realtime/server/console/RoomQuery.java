package com.medsync.realtime.server.console;

import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;

import java.util.Optional;

/**
 * Pages of this node's rooms with their member counts, ordered by namespace then room name. One pass over the
 * rooms of the namespaces asked for, read in place ({@link ServedNamespace#forEachRoom}), holding one page at
 * most: {@code O(rooms x log limit)} per page.
 */
public final class RoomQuery {

    private final NamespaceRegistry namespaces;

    public RoomQuery(NamespaceRegistry namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * @param namespace only this namespace's rooms, if given
     * @param contains  only rooms whose name contains this, ignoring case, if given
     * @param after     the position of the last room of the previous page ({@link RoomCount#fromCursor})
     */
    public Page<RoomCount> page(Optional<String> namespace, Optional<String> contains, Optional<RoomCount> after,
            int limit) {
        PageSelection<RoomCount> page = new PageSelection<>(RoomCount.ORDER, limit);
        for (ServedNamespace served : namespaces.all()) {
            if (namespace.isPresent() && !namespace.get().equals(served.name())) {
                continue;
            }
            served.forEachRoom((room, members) -> {
                String name = room.name();
                if (contains.isPresent() && !containsIgnoringCase(name, contains.get())) {
                    return;
                }
                RoomCount count = new RoomCount(served.name(), name, members);
                if (after.isEmpty() || count.comesAfter(after.get())) {
                    page.offer(count);
                }
            });
        }
        return page.page(RoomCount::cursor);
    }

    /** Without lower-casing copies of every room name. */
    static boolean containsIgnoringCase(String text, String part) {
        for (int start = 0; start + part.length() <= text.length(); start++) {
            if (text.regionMatches(true, start, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }
}
