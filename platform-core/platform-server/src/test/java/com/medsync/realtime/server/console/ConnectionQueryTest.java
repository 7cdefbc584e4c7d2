package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

class ConnectionQueryTest {

    private static final Logger log = LoggerFactory.getLogger(ConnectionQueryTest.class);
    private static final Room PHARMACY = Room.pharmacy("ph_1");
    private static final Room PHARMACY_OF_MANY = Room.pharmacy("ph_7");

    private final ConsoleSockets sockets = new ConsoleSockets();
    /** Every third socket "upgraded": the tests' sockets have no connection to ask. */
    private final Set<SocketSession> upgraded = new HashSet<>();
    private final Function<SocketSession, String> transport = socket -> upgraded.contains(socket) ? "websocket"
            : "polling";
    private final ConnectionQuery query = new ConnectionQuery(sockets.namespaces, transport);

    @Test
    void pagesWalkEverySocketOnceInIdOrderAcrossNamespaces() {
        List<SocketSession> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            all.add(sockets.connect(i % 2 == 0 ? sockets.canonical : sockets.legacy, "user_" + i));
        }

        List<SocketSession> walked = walk(ConnectionFilter.ALL, 5);

        all.sort(Comparator.comparing(SocketSession::id));
        assertThat(walked).containsExactlyElementsOf(all);
    }

    @Test
    void theLastPageHasNoNextAndAFullLastPageNeedsNoEmptyOneAfterIt() {
        for (int i = 0; i < 4; i++) {
            sockets.connect(sockets.canonical, "user_" + i);
        }

        Page<SocketSession> first = query.page(ConnectionFilter.ALL, Optional.empty(), 4);

        assertThat(first.items()).hasSize(4);
        assertThat(first.next()).isEmpty();
        assertThat(query.page(ConnectionFilter.ALL, Optional.empty(), 3).next()).isPresent();
    }

    @Test
    void aUserFilterFindsThatUsersSocketsOnEveryNamespace() {
        SocketSession canonical = sockets.connect(sockets.canonical, "patient_1");
        SocketSession legacy = sockets.connect(sockets.legacy, "patient_1");
        sockets.connect(sockets.canonical, "patient_2");

        assertThat(query.page(filter(null, "patient_1", null, null), Optional.empty(), 10).items())
                .containsExactlyInAnyOrder(canonical, legacy);
        assertThat(query.page(filter(ConsoleSockets.LEGACY, "patient_1", null, null), Optional.empty(), 10).items())
                .containsExactly(legacy);
    }

    @Test
    void aRoomFilterListsTheRoomsMembersAndCombinesWithTheOthers() {
        SocketSession inRoom = sockets.connect(sockets.canonical, "staff_1", PHARMACY);
        SocketSession inRoomUpgraded = sockets.connect(sockets.canonical, "staff_2", PHARMACY);
        upgraded.add(inRoomUpgraded);
        sockets.connect(sockets.canonical, "staff_3", Room.pharmacy("ph_2"));

        assertThat(query.page(filter(null, null, PHARMACY, null), Optional.empty(), 10).items())
                .containsExactlyInAnyOrder(inRoom, inRoomUpgraded);
        assertThat(query.page(filter(null, null, PHARMACY, "websocket"), Optional.empty(), 10).items())
                .containsExactly(inRoomUpgraded);
        assertThat(query.page(filter(null, "staff_1", PHARMACY, null), Optional.empty(), 10).items())
                .containsExactly(inRoom);
        assertThat(query.page(filter(null, "staff_3", PHARMACY, null), Optional.empty(), 10).items()).isEmpty();
    }

    @Test
    void aFilteredListingPagesToo() {
        List<SocketSession> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SocketSession socket = sockets.connect(sockets.canonical, "staff_" + i, i % 3 == 0 ? PHARMACY
                    : Room.chat("c" + i));
            if (i % 3 == 0) {
                members.add(socket);
            }
        }

        assertThat(walk(filter(null, null, PHARMACY, null), 1)).containsExactlyElementsOf(
                members.stream().sorted(Comparator.comparing(SocketSession::id)).toList());
    }

    @Test
    void aSocketThatLeftTheRoomOrTheNodeIsNoLongerListed() {
        SocketSession leaving = sockets.connect(sockets.canonical, "staff_1", PHARMACY);
        SocketSession gone = sockets.connect(sockets.canonical, "staff_2", PHARMACY);

        sockets.canonical.leave(leaving, PHARMACY);
        sockets.canonical.remove(gone);

        assertThat(query.page(filter(null, null, PHARMACY, null), Optional.empty(), 10).items()).isEmpty();
        assertThat(query.find(gone.id())).isEmpty();
        assertThat(query.find(leaving.id())).contains(leaving);
    }

    @Test
    void aPageOf20000SocketsIsOnePassAndKeepsItsOrder() {
        for (int i = 0; i < 20_000; i++) {
            sockets.connect(sockets.canonical, "user_" + i, Room.pharmacy("ph_" + i % 100));
        }
        query.page(ConnectionFilter.ALL, Optional.empty(), 500);

        long started = System.nanoTime();
        Page<SocketSession> page = query.page(ConnectionFilter.ALL, Optional.empty(), 500);
        long firstPage = System.nanoTime() - started;
        started = System.nanoTime();
        Page<SocketSession> byRoom = query.page(filter(null, null, PHARMACY_OF_MANY, null), Optional.empty(), 50);
        long roomPage = System.nanoTime() - started;
        started = System.nanoTime();
        Page<SocketSession> byUser = query.page(filter(null, "user_7", null, null), Optional.empty(), 50);
        long userPage = System.nanoTime() - started;
        log.info("20,000 sockets: a page of 500 in {} ms; by room (200 members) {} ms; by user {} ms",
                firstPage / 1_000_000.0, roomPage / 1_000_000.0, userPage / 1_000_000.0);

        assertThat(page.items()).hasSize(500).isSortedAccordingTo(Comparator.comparing(SocketSession::id));
        assertThat(byRoom.items()).hasSize(50);
        assertThat(byUser.items()).hasSize(1);
    }

    private List<SocketSession> walk(ConnectionFilter filter, int limit) {
        List<SocketSession> walked = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<SocketSession> page = query.page(filter, after, limit);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            walked.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return walked;
    }

    private static ConnectionFilter filter(String namespace, String user, Room room, String transport) {
        return new ConnectionFilter(Optional.ofNullable(namespace), Optional.ofNullable(user),
                Optional.ofNullable(room), Optional.ofNullable(transport));
    }
}
