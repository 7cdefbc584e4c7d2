package com.medsync.realtime.spi.event;

import com.medsync.realtime.spi.room.Room;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a published event goes.
 *
 * @param rooms the rooms whose sockets receive the event; a socket in several of them receives it once
 */
public record Routing(Set<Room> rooms) {

    public Routing {
        rooms = Set.copyOf(rooms);
    }

    public static Routing to(Room... rooms) {
        return new Routing(Set.of(rooms));
    }

    public static Routing to(Collection<Room> rooms) {
        return new Routing(new LinkedHashSet<>(rooms));
    }
}
