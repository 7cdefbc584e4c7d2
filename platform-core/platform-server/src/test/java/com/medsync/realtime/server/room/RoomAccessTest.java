package com.medsync.realtime.server.room;

import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.room.Verdict;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The room-policy matrix of the built-in chain. */
class RoomAccessTest {

    private final RoomAccess access = new RoomAccess(BuiltInRoomPolicies.all(), Optional.empty());

    static Principal principal(String sub, Role role, String pharmacyId, String... rooms) {
        return new Principal(sub, role, Optional.ofNullable(pharmacyId), Set.of(rooms),
                Instant.now().plusSeconds(60), Map.of());
    }

    private boolean may(Principal who, String room) {
        return access.mayJoin(who, Room.parse(room).orElseThrow());
    }

    @Test
    void ownUserRoomOnly() {
        Principal patient = principal("patient_1", Role.PATIENT, null);
        assertThat(may(patient, "user:patient_1")).isTrue();
        assertThat(may(patient, "user:patient_2")).isFalse();
    }

    @Test
    void ownPharmacyRoomOnlyForItsStaffAndAdmins() {
        Principal staff = principal("staff_1", Role.PHARMACY, "pharmacy_1");
        Principal patient = principal("patient_1", Role.PATIENT, null);
        Principal admin = principal("admin_1", Role.ADMIN, null);

        assertThat(may(staff, "pharmacy:pharmacy_1")).isTrue();
        assertThat(may(staff, "pharmacy:pharmacy_2")).isFalse();
        assertThat(may(patient, "pharmacy:pharmacy_1")).isFalse();
        assertThat(may(admin, "pharmacy:pharmacy_2")).isTrue();
        assertThat(may(admin, "user:patient_1")).as("admin rights stop at pharmacy rooms").isFalse();
    }

    @Test
    void chatAndDispatchRoomsOnlyThroughTheRoomsClaim() {
        Principal member = principal("patient_1", Role.PATIENT, null, "chat:room_1", "dispatch:d1");
        Principal stranger = principal("patient_2", Role.PATIENT, null);
        Principal admin = principal("admin_1", Role.ADMIN, null);

        assertThat(may(member, "chat:room_1")).isTrue();
        assertThat(may(member, "dispatch:d1")).isTrue();
        assertThat(may(member, "chat:room_2")).isFalse();
        assertThat(may(stranger, "chat:room_1")).isFalse();
        assertThat(may(admin, "dispatch:d1")).isFalse();
    }

    @Test
    void oneDenyOutweighsAnyAllow() {
        access.add((who, room) -> room.kind() == Room.Kind.CHAT ? Verdict.DENY : Verdict.ABSTAIN);

        assertThat(may(principal("patient_1", Role.PATIENT, null, "chat:room_1"), "chat:room_1")).isFalse();
    }

    @Test
    void aFailingPolicyGrantsNothingAndBreaksNothing() {
        access.add((who, room) -> {
            throw new IllegalStateException("plugin bug");
        });

        assertThat(may(principal("patient_1", Role.PATIENT, null), "user:patient_1")).isTrue();
        assertThat(may(principal("patient_1", Role.PATIENT, null), "chat:room_1")).isFalse();
    }

    @Test
    void theFallbackIsAskedOnlyWhenNothingElseAllowed() {
        AtomicInteger asked = new AtomicInteger();
        RoomPolicy fallback = (who, room) -> {
            asked.incrementAndGet();
            return Verdict.ALLOW;
        };
        RoomAccess withFallback = new RoomAccess(BuiltInRoomPolicies.all(), Optional.of(fallback));
        Principal member = principal("patient_1", Role.PATIENT, null, "chat:room_1");

        assertThat(withFallback.mayJoin(member, Room.chat("room_1"))).isTrue();
        assertThat(asked).hasValue(0);
        assertThat(withFallback.mayJoin(member, Room.chat("room_2"))).isTrue();
        assertThat(asked).hasValue(1);
    }
}
