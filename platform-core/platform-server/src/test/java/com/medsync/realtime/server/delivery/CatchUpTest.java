package com.medsync.realtime.server.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hold a recovering socket puts on live delivery: what the replay carried is dropped, what came later
 * goes out in order. The socket itself plays no part in these decisions, so there is none.
 */
class CatchUpTest {

    private static List<String> offsets(Optional<List<CatchUp.Held>> released) {
        return released.orElseThrow().stream().map(CatchUp.Held::offset).toList();
    }

    /** The node delivers `offset`; `forSocket` when the socket is one of its targets. */
    private static boolean deliver(CatchUp hold, String offset, boolean forSocket, String previous) {
        if (forSocket) {
            hold.offer(offset, Optional.ofNullable(previous), List.of());
        }
        return hold.passed(offset);
    }

    @Test
    void heldEventsTheReplayAlsoCarriedAreDroppedAndLaterOnesKeptInOrder() {
        CatchUp hold = new CatchUp(null, Optional.of("e-5"));
        deliver(hold, "e-6", true, "e-5");
        deliver(hold, "e-7", false, "e-6");
        deliver(hold, "e-8", true, "e-7");
        // The replay read the log here: it carried 6..8.
        deliver(hold, "e-9", true, "e-8");
        deliver(hold, "e-10", false, "e-9");
        deliver(hold, "e-11", true, "e-10");

        assertThat(offsets(hold.release("e-8"))).containsExactly("e-9", "e-11");
    }

    @Test
    void whenNothingWasDeliveredSinceTheHoldBeganEverythingHeldGoesOut() {
        CatchUp hold = new CatchUp(null, Optional.of("e-5"));
        // The replay read the log right away: through e-5; then the node delivered more.
        deliver(hold, "e-6", true, "e-5");
        deliver(hold, "e-7", true, "e-6");

        assertThat(offsets(hold.release("e-5"))).containsExactly("e-6", "e-7");
    }

    @Test
    void aNodeBehindTheLogDropsWhatItDeliversUntilItPassesTheReplay() {
        CatchUp hold = new CatchUp(null, Optional.of("e-3"));
        deliver(hold, "e-4", true, "e-3");
        // The replay carried everything through e-6, which this node has not delivered yet.
        assertThat(hold.release("e-6")).isEmpty();
        assertThat(deliver(hold, "e-5", true, "e-4")).isFalse();
        assertThat(deliver(hold, "e-6", true, "e-5")).as("the hold ends as e-6 passes").isTrue();
    }

    @Test
    void remembersWhereTheFirstReplayedEventFollowed() {
        CatchUp hold = new CatchUp(null, Optional.of("e-9"));
        assertThat(hold.replayedAny()).isFalse();
        hold.replayed(Optional.of("e-2"));
        hold.replayed(Optional.of("e-4"));

        assertThat(hold.replayedAny()).isTrue();
        assertThat(hold.beforeFirstReplayed()).contains("e-2");
    }
}
