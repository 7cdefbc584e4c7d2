package com.medsync.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.metrics.PlatformMetrics;
import com.medsync.realtime.server.room.RoomAccess;
import com.medsync.realtime.server.socket.SocketEvents;
import com.medsync.realtime.server.testing.RecordingBroker;
import com.medsync.realtime.spi.room.Room;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SocketServicesTest {

    private static final OutboundEvent TYPING = new OutboundEvent("e-1", "chat:typing",
            JsonNodeFactory.instance.objectNode(), Set.of(Room.pharmacy("ph_1")), Optional.of("socket-1"));

    private final List<OutboundEvent> published = new ArrayList<>();
    private final List<OutboundEvent> deliveredLocally = new ArrayList<>();

    @Test
    void aSocketsBroadcastGoesToTheBroker() {
        services(false).broadcast(TYPING);

        assertThat(published).containsExactly(TYPING);
        assertThat(deliveredLocally).isEmpty();
    }

    @Test
    void whenTheBrokerIsUnavailableTheBroadcastStillReachesThisNode() {
        services(true).broadcast(TYPING);

        assertThat(published).isEmpty();
        assertThat(deliveredLocally).containsExactly(TYPING);
    }

    private SocketServices services(boolean brokerDown) {
        RecordingBroker broker = new RecordingBroker(published);
        broker.down = brokerDown;
        return new SocketServices(new RoomAccess(List.of(), Optional.empty()), broker, deliveredLocally::add,
                new SocketEvents(List.of()), new PlatformMetrics());
    }
}
