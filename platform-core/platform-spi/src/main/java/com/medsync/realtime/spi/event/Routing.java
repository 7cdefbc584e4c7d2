package com.medsync.realtime.spi.event;

import com.medsync.realtime.spi.room.Room;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a published event goes.
 *
 * @param rooms       the rooms whose sockets receive the event; a socket in several of them receives it once
 * @param whenNoRooms why the owner could derive no rooms (an update for an order it never saw): the
 *                    request is refused with this violation unless the envelope's {@code to} names rooms
 */
public record Routing(Set<Room> rooms, Optional<ContractViolation> whenNoRooms) {

    public Routing {
        rooms = Set.copyOf(rooms);
        Objects.requireNonNull(whenNoRooms, "whenNoRooms");
    }

    public Routing(Set<Room> rooms) {
        this(rooms, Optional.empty());
    }

    public static Routing to(Room... rooms) {
        return new Routing(Set.of(rooms));
    }

    public static Routing to(Collection<Room> rooms) {
        return new Routing(new LinkedHashSet<>(rooms));
    }

    /**
     * No rooms can be derived from the payload: the event is accepted only with explicit {@code to} rooms.
     *
     * @param field   the field that could not be resolved, such as {@code id}
     * @param message why, for people ("order 'order_9' is unknown")
     */
    public static Routing onlyExplicit(String field, String message) {
        return new Routing(Set.of(), Optional.of(new ContractViolation(field, message)));
    }
}
