package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.room.Verdict;

/**
 * Lets the parties of a dispatch's order into {@code dispatch:{id}}: the order's patient ({@code sub} equal
 * to the patient id) and the staff of its pharmacy ({@code pharmacyId} claim equal to the pharmacy id).
 *
 * <p>It only ever allows or abstains, never denies: the token's {@code rooms} claim and the backend's
 * room-authorization callback must still be able to let others in (a rider, support staff).
 */
final class DispatchRoomPolicy implements RoomPolicy {

    private final DispatchBook book;
    private final OrderLookup orders;

    DispatchRoomPolicy(DispatchBook book, OrderLookup orders) {
        this.book = book;
        this.orders = orders;
    }

    @Override
    public Verdict decide(Principal principal, Room room) {
        if (room.kind() != Room.Kind.DISPATCH) {
            return Verdict.ABSTAIN;
        }
        boolean party = book.find(room.id())
                .flatMap(dispatch -> orders.find(dispatch.orderId()))
                .map(order -> principal.userId().equals(order.patientId())
                        || principal.pharmacyId().map(order.pharmacyId()::equals).orElse(false))
                .orElse(false);
        return party ? Verdict.ALLOW : Verdict.ABSTAIN;
    }
}
