package com.medsync.realtime.server.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryBrokerTest {

    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(new LocalDelivery(new NamespaceRegistry(), count -> { }),
            Duration.ofSeconds(150), 3, clock);

    private static OutboundEvent event(String id) {
        return new OutboundEvent(id, "chat:message", JsonNodeFactory.instance.objectNode(), Set.of(Room.chat("r")));
    }

    private String publish(String id) {
        broker.publish(event(id));
        return broker.lastOffset().orElseThrow();
    }

    private static List<String> ids(List<SequencedEvent> events) {
        return events.stream().map(sequenced -> sequenced.event().id()).toList();
    }

    @Test
    void eventsAfterAnOffsetAreTheLaterOnesInOrder() {
        String first = publish("e1");
        String second = publish("e2");
        publish("e3");

        assertThat(ids(broker.eventsAfter(first).orElseThrow())).containsExactly("e2", "e3");
        assertThat(ids(broker.eventsAfter(second).orElseThrow())).containsExactly("e3");
        assertThat(broker.eventsAfter(broker.lastOffset().orElseThrow())).contains(List.of());
    }

    @Test
    void nothingIsHeldAtFirst() {
        assertThat(broker.lastOffset()).isEmpty();
    }

    @Test
    void anUnknownOrMalformedOffsetAnswersEmpty() {
        String offset = publish("e1");

        assertThat(broker.eventsAfter("not-an-offset")).isEmpty();
        assertThat(broker.eventsAfter("")).isEmpty();
        assertThat(broker.eventsAfter(offset + "0")).isEmpty();
        // An offset of another broker instance (an earlier run of the process) is unknown here.
        assertThat(broker.eventsAfter("abc-1")).isEmpty();
    }

    @Test
    void anOffsetWhoseSuccessorsWereTrimmedAnswersEmpty() {
        String first = publish("e1");
        String second = publish("e2");
        publish("e3");
        publish("e4");
        publish("e5");

        // Three are kept: e3 to e5. After e2 nothing is missing; after e1, e2 is.
        assertThat(broker.eventsAfter(first)).isEmpty();
        assertThat(ids(broker.eventsAfter(second).orElseThrow())).containsExactly("e3", "e4", "e5");
    }

    @Test
    void eventsOlderThanTheRetentionAreForgotten() {
        String first = publish("e1");
        String second = publish("e2");
        clock.advance(Duration.ofSeconds(151));
        String third = publish("e3");

        assertThat(broker.eventsAfter(first)).isEmpty();
        assertThat(ids(broker.eventsAfter(second).orElseThrow())).containsExactly("e3");
        assertThat(broker.eventsAfter(third)).contains(List.of());
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
