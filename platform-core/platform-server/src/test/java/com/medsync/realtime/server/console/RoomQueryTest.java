package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class RoomQueryTest {

    private final ConsoleSockets sockets = new ConsoleSockets();
    private final RoomQuery query = new RoomQuery(sockets.namespaces);

    @Test
    void roomsComeByNamespaceThenNameWithTheirMemberCounts() {
        sockets.connect(sockets.canonical, "staff_1", Room.pharmacy("ph_1"));
        sockets.connect(sockets.canonical, "staff_2", Room.pharmacy("ph_1"));
        sockets.connect(sockets.legacy, "staff_1", Room.pharmacy("ph_1"));

        assertThat(query.page(Optional.empty(), Optional.empty(), Optional.empty(), 10).items()).containsExactly(
                new RoomCount("/", "pharmacy:ph_1", 1),
                new RoomCount("/", "user:staff_1", 1),
                new RoomCount("/patient-pharmacy", "pharmacy:ph_1", 2),
                new RoomCount("/patient-pharmacy", "user:staff_1", 1),
                new RoomCount("/patient-pharmacy", "user:staff_2", 1));
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        for (int i = 0; i < 7; i++) {
            sockets.connect(i < 4 ? sockets.canonical : sockets.legacy, "user_" + i, Room.chat("c" + i));
        }
        List<RoomCount> walked = new ArrayList<>();
        Optional<RoomCount> after = Optional.empty();
        do {
            Page<RoomCount> page = query.page(Optional.empty(), Optional.empty(), after, 3);
            walked.addAll(page.items());
            after = page.next().flatMap(RoomCount::fromCursor);
        } while (after.isPresent());

        assertThat(walked).hasSize(14).isSortedAccordingTo(RoomCount.ORDER).doesNotHaveDuplicates();
    }

    @Test
    void theNamespaceAndTheSubstringNarrowTheListing() {
        sockets.connect(sockets.canonical, "staff_1", Room.pharmacy("PH_North"), Room.chat("north_desk"));
        sockets.connect(sockets.legacy, "staff_2", Room.pharmacy("ph_north"));

        assertThat(query.page(Optional.of("/patient-pharmacy"), Optional.of("north"), Optional.empty(), 10).items())
                .extracting(RoomCount::room).containsExactly("chat:north_desk", "pharmacy:PH_North");
        assertThat(query.page(Optional.empty(), Optional.of("pharmacy:"), Optional.empty(), 10).items())
                .extracting(RoomCount::namespace, RoomCount::room).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/", "pharmacy:ph_north"),
                        org.assertj.core.groups.Tuple.tuple("/patient-pharmacy", "pharmacy:PH_North"));
    }

    @Test
    void anEmptiedRoomIsGone() {
        SocketSession socket = sockets.connect(sockets.canonical, "staff_1", Room.chat("c1"));

        sockets.canonical.leave(socket, Room.chat("c1"));

        assertThat(query.page(Optional.empty(), Optional.of("chat"), Optional.empty(), 10).items()).isEmpty();
    }

    @Test
    void aCursorSplitsAtItsLastComma() {
        assertThat(RoomCount.fromCursor("/a,b,chat:c1")).contains(new RoomCount("/a,b", "chat:c1", 0));
        assertThat(new RoomCount("/patient-pharmacy", "user:u1", 3).cursor()).isEqualTo("/patient-pharmacy,user:u1");
        assertThat(RoomCount.fromCursor("no-separator")).isEmpty();
        assertThat(RoomCount.fromCursor(",chat:c1")).isEmpty();
        assertThat(RoomCount.fromCursor("/,")).isEmpty();
    }
}
