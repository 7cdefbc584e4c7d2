package com.medsync.realtime.server.console;

import java.util.Comparator;
import java.util.Optional;

/**
 * A room of one namespace on this node and how many of this node's sockets are in it.
 *
 * @param namespace the namespace, such as {@code /patient-pharmacy}
 * @param room      the room's full name, such as {@code pharmacy:ph_1}
 * @param members   sockets in it now
 */
public record RoomCount(String namespace, String room, int members) {

    /** Namespace, then room name: the order of a room listing. */
    static final Comparator<RoomCount> ORDER = Comparator.comparing(RoomCount::namespace)
            .thenComparing(RoomCount::room);

    /** Room names never hold a comma, so the last one in a cursor ends the namespace. */
    private static final char CURSOR_SEPARATOR = ',';

    /** @return the cursor of a listing that continues after this room: {@code <namespace>,<room>} */
    public String cursor() {
        return namespace + CURSOR_SEPARATOR + room;
    }

    /** @return the position a cursor names (its member count is meaningless), or empty when it is not one */
    public static Optional<RoomCount> fromCursor(String cursor) {
        int separator = cursor.lastIndexOf(CURSOR_SEPARATOR);
        if (separator <= 0 || separator == cursor.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new RoomCount(cursor.substring(0, separator), cursor.substring(separator + 1), 0));
    }

    boolean comesAfter(RoomCount position) {
        return ORDER.compare(this, position) > 0;
    }
}
