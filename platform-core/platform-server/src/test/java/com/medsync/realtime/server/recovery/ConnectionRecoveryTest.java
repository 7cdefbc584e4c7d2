package com.medsync.realtime.server.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.delivery.LocalDelivery;
import com.medsync.realtime.server.delivery.MemoryBroker;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.store.MemoryKeyValueStore;
import com.medsync.realtime.server.testing.SettableClock;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may take a saved session, and from where its replay starts. */
class ConnectionRecoveryTest {

    private static final String PID = "pid_0123456789abcdefghij";
    private static final String NAMESPACE = "/patient-pharmacy";

    private final SettableClock clock = new SettableClock();
    private final MemoryKeyValueStore store = new MemoryKeyValueStore(clock);
    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalDelivery delivery = new LocalDelivery(new NamespaceRegistry(), count -> { }, true);
    private final MemoryBroker broker = new MemoryBroker(delivery::deliver, Duration.ofMinutes(2), 100, clock);
    private final List<String> outcomes = new ArrayList<>();
    private final ConnectionRecovery recovery = new ConnectionRecovery(true, Duration.ofMinutes(2), store, broker,
            delivery, mapper, outcomes::add);

    ConnectionRecoveryTest() {
        new SessionStore(store, Duration.ofMinutes(2), mapper).write(PID, new SavedSession("sid_alice", "alice",
                NAMESPACE, Set.of(Room.user("alice")), Optional.of("saved-1")), Optional.empty());
    }

    private static Principal user(String sub) {
        return new Principal(sub, Role.PATIENT, Optional.empty(), Set.of(), Instant.parse("2030-01-01T00:00:00Z"),
                Map.of());
    }

    @Test
    void theOwnerOnTheSameNamespaceTakesItOnceFromTheOffsetItNames() {
        Optional<ConnectionRecovery.Claim> claim = recovery.claim(Map.of("pid", PID, "offset", "client-7"),
                user("alice"), NAMESPACE);

        assertThat(claim).isPresent();
        assertThat(claim.get().session().socketId()).isEqualTo("sid_alice");
        assertThat(claim.get().resumeFrom()).contains("client-7");
        assertThat(recovery.claim(Map.of("pid", PID, "offset", "client-7"), user("alice"), NAMESPACE)).isEmpty();
        assertThat(outcomes).containsExactly("fresh");
    }

    @Test
    void aClientWithoutOffsetResumesWhereTheServerSavedIt() {
        assertThat(recovery.claim(Map.of("pid", PID), user("alice"), NAMESPACE).orElseThrow().resumeFrom())
                .contains("saved-1");
    }

    @Test
    void anotherUserOrNamespaceTakesNothingAndLeavesItToItsOwner() {
        assertThat(recovery.claim(Map.of("pid", PID), user("mallory"), NAMESPACE)).isEmpty();
        assertThat(recovery.claim(Map.of("pid", PID), user("alice"), "/")).isEmpty();

        assertThat(recovery.claim(Map.of("pid", PID), user("alice"), NAMESPACE)).isPresent();
        assertThat(outcomes).containsExactly("fresh", "fresh");
    }

    @Test
    void aMissedEventListNeedsAnOffsetTheBrokerKnows() {
        ConnectionRecovery.Claim claim = recovery.claim(Map.of("pid", PID), user("alice"), NAMESPACE).orElseThrow();

        assertThat(recovery.missed(claim)).as("saved-1 is no offset of this broker").isEmpty();
        assertThat(recovery.missed(new ConnectionRecovery.Claim(PID, claim.session(), Optional.of(broker.origin()))))
                .contains(List.of());
    }

    @Test
    void withRecoveryOffNothingIsClaimedAndNoPidIsGiven() {
        ConnectionRecovery off = new ConnectionRecovery(false, Duration.ofMinutes(2), store, broker, delivery, mapper,
                outcomes::add);

        assertThat(off.claim(Map.of("pid", PID), user("alice"), NAMESPACE)).isEmpty();
        assertThat(off.newPid()).isEmpty();
        assertThat(recovery.newPid()).get().asString().hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(recovery.newPid().get());
    }
}
