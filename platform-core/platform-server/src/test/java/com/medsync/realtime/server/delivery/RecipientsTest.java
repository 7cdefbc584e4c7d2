package com.medsync.realtime.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.PermissivePlatform;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecipientsTest {

    private static final Room PHARMACY = Room.pharmacy("ph_1");
    private static final Room CHAT = Room.chat("o-1");

    private final ServedNamespace namespace = new NamespaceRegistry().serve("/patient-pharmacy",
            EventTranslator.CANONICAL);

    @Test
    void aSocketInSeveralOfTheEventsRoomsIsAReceiverOnce() {
        SocketSession both = socketIn(PHARMACY, CHAT);
        SocketSession pharmacyOnly = socketIn(PHARMACY);
        socketIn(Room.pharmacy("ph_2"));

        assertThat(Recipients.of(namespace, event(Optional.empty(), PHARMACY, CHAT)))
                .containsExactlyInAnyOrder(both, pharmacyOnly);
    }

    @Test
    void aOneRoomEventReachesTheRoomsMembersAsTheyAreWhenItIsDelivered() {
        SocketSession first = socketIn(PHARMACY);
        socketIn(CHAT);
        var recipients = Recipients.of(namespace, event(Optional.empty(), PHARMACY));
        SocketSession joinedSince = socketIn(PHARMACY);

        assertThat(recipients).containsExactlyInAnyOrder(first, joinedSince);
    }

    @Test
    void anEventWhoseOtherRoomsAreEmptyHereReachesItsOneRoomAsItIsWhenDelivered() {
        SocketSession first = socketIn(PHARMACY);
        // An order's patient room with nobody of it on this node.
        var recipients = Recipients.of(namespace, event(Optional.empty(), PHARMACY, Room.user("pt_1")));
        SocketSession joinedSince = socketIn(PHARMACY);

        assertThat(recipients).containsExactlyInAnyOrder(first, joinedSince);
    }

    @Test
    void anEventToRoomsOfNobodyHereHasNoReceivers() {
        socketIn(Room.pharmacy("ph_2"));

        assertThat(Recipients.of(namespace, event(Optional.empty(), PHARMACY, CHAT))).isEmpty();
    }

    @Test
    void theExceptedSocketIsNotAReceiverOfASeveralRoomEvent() {
        SocketSession sender = socketIn(PHARMACY, CHAT);
        SocketSession other = socketIn(CHAT);

        assertThat(Recipients.of(namespace, event(Optional.of(sender.id()), PHARMACY, CHAT))).containsExactly(other);
    }

    @Test
    void theExceptedSocketIsNotAReceiver() {
        SocketSession sender = socketIn(PHARMACY);
        SocketSession other = socketIn(PHARMACY);
        OutboundEvent typing = event(Optional.of(sender.id()), PHARMACY);

        assertThat(Recipients.of(namespace, typing)).containsExactly(other);
        assertThat(Recipients.reaches(sender, typing)).isFalse();
        assertThat(Recipients.reaches(other, typing)).isTrue();
    }

    @Test
    void anEventReachesASocketOnlyThroughARoomItIsIn() {
        SocketSession elsewhere = socketIn(Room.pharmacy("ph_2"));

        assertThat(Recipients.reaches(elsewhere, event(Optional.empty(), PHARMACY))).isFalse();
    }

    private SocketSession socketIn(Room... rooms) {
        Principal principal = new Principal("patient-1", Role.PATIENT, Optional.empty(), Set.of(),
                Instant.now().plusSeconds(60), Map.of());
        // Routing never writes: the socket needs no connection here.
        SocketSession socket = new SocketSession(namespace, principal, null, PermissivePlatform.INSTANCE,
                new LimitSettings(10, 10, 3, 50, 10, 1000, 10));
        namespace.add(socket);
        for (Room room : rooms) {
            namespace.join(socket, room);
        }
        return socket;
    }

    private static OutboundEvent event(Optional<String> except, Room... rooms) {
        return new OutboundEvent("e-1", "order:new", JsonNodeFactory.instance.objectNode(), Set.of(rooms), except);
    }
}
