package com.medsync.realtime.server.socket;

import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket joining a room while the room's last member leaves it, from two threads at once: as a recovered socket
 * joins its user room while its stale twin's removal leaves it. The joiner must end up a member every time.
 */
class RoomMembershipRaceTest {

    private static final int ROUNDS = 20_000;

    private final ServedNamespace namespace = new NamespaceRegistry().serve("/patient-pharmacy",
            EventTranslator.CANONICAL);

    @Test
    void aJoinRacingTheLastLeaveOfTheSameRoomIsNeverLost() throws Exception {
        SocketSession leaving = socket("stale");
        SocketSession joining = socket("recovered");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Integer> lost = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Room room = Room.user("user_" + round);
                namespace.join(leaving, room);
                Future<?> leave = threads.submit(() -> {
                    start.await();
                    return namespace.leave(leaving, room);
                });
                Future<?> join = threads.submit(() -> {
                    start.await();
                    return namespace.join(joining, room);
                });
                leave.get(5, TimeUnit.SECONDS);
                join.get(5, TimeUnit.SECONDS);
                if (!namespace.members(room).contains(joining)) {
                    lost.add(round);
                }
                namespace.leave(joining, room);
            }
            assertThat(lost).as("rounds whose joiner ended up in no room").isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    private SocketSession socket(String user) {
        Principal principal = new Principal(user, Role.PATIENT, Optional.empty(), Set.of(),
                Instant.now().plusSeconds(600), Map.of());
        // Membership is about sockets and rooms: no connection needed.
        SocketSession socket = new SocketSession(namespace, principal, null, PermissivePlatform.INSTANCE,
                new LimitSettings(10, 10, 3, 50, 10, 1000, 10));
        namespace.add(socket);
        return socket;
    }
}
