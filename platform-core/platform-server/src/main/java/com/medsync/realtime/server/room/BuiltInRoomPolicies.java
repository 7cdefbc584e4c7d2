package com.medsync.realtime.server.room;

import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.room.Verdict;

import java.util.List;

/** The policies every deployment has: what the token itself grants. */
public final class BuiltInRoomPolicies {

    private BuiltInRoomPolicies() {
    }

    /** {@code user:{id}} for the user whose {@code sub} is {@code id}. */
    public static final RoomPolicy OWN_USER_ROOM = (principal, room) ->
            room.kind() == Room.Kind.USER && room.id().equals(principal.userId()) ? Verdict.ALLOW : Verdict.ABSTAIN;

    /** {@code pharmacy:{id}} for staff whose {@code pharmacyId} is {@code id}, and for admins. */
    public static final RoomPolicy OWN_PHARMACY_ROOM = (principal, room) -> {
        if (room.kind() != Room.Kind.PHARMACY) {
            return Verdict.ABSTAIN;
        }
        boolean own = principal.pharmacyId().map(room.id()::equals).orElse(false);
        return own || principal.role() == Role.ADMIN ? Verdict.ALLOW : Verdict.ABSTAIN;
    };

    /** Any room listed in the token's {@code rooms} claim. */
    public static final RoomPolicy TOKEN_ROOMS_CLAIM = (principal, room) ->
            principal.rooms().contains(room.name()) ? Verdict.ALLOW : Verdict.ABSTAIN;

    public static List<RoomPolicy> all() {
        return List.of(OWN_USER_ROOM, OWN_PHARMACY_ROOM, TOKEN_ROOMS_CLAIM);
    }
}
