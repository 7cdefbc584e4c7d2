package com.medsync.realtime.server.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.spi.room.Room;

import com.medsync.realtime.server.testing.SettableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryBrokerTest {

    private final SettableClock clock = new SettableClock();
    private final List<SequencedEvent> delivered = Collections.synchronizedList(new ArrayList<>());

    private MemoryBroker broker(Duration retention, int maxEvents) {
        return new MemoryBroker(delivered::add, retention, maxEvents, clock);
    }

    private static OutboundEvent event(String id) {
        return new OutboundEvent(id, "test:event", JsonNodeFactory.instance.objectNode().put("id", id),
                Set.of(Room.user("u1")));
    }

    private static List<String> ids(List<SequencedEvent> events) {
        return events.stream().map(e -> e.event().id()).toList();
    }

    @Test
    void deliversEachAcceptedEventOnceWithIncreasingOffsets() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 100);
        broker.publish(event("a"));
        broker.publish(event("b"));

        assertThat(ids(delivered)).containsExactly("a", "b");
        assertThat(delivered.get(0).offset()).isNotEqualTo(delivered.get(1).offset());
        assertThat(broker.lastOffset()).contains(delivered.get(1).offset());
    }

    @Test
    void withADeliveryThreadAnIdleNodesPublisherDeliversItsEventBeforePublishReturns() {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (DeliveryThread deliveries = new DeliveryThread(batch -> batch.forEach(sequenced -> {
            delivered.add(sequenced);
            threads.add(Thread.currentThread().getName());
        }), 10)) {
            MemoryBroker broker = new MemoryBroker(deliveries, Duration.ofMinutes(2), 100, clock);
            broker.publish(event("a"));
            broker.publish(event("b"));

            assertThat(ids(delivered)).containsExactly("a", "b");
            assertThat(threads).containsOnly(Thread.currentThread().getName());
        }
    }

    @Test
    void eventsAfterAnOffsetAreEveryLaterEventInOrder() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 100);
        for (String id : List.of("a", "b", "c", "d")) {
            broker.publish(event(id));
        }

        assertThat(broker.eventsAfter(delivered.get(1).offset()).map(MemoryBrokerTest::ids)).contains(List.of("c", "d"));
        assertThat(broker.eventsAfter(delivered.get(3).offset())).contains(List.of());
        assertThat(broker.eventsAfter(delivered.get(0).offset()).orElseThrow()).isEqualTo(delivered.subList(1, 4));
    }

    @Test
    void everyEventComesAfterTheOriginWhileTheFirstIsHeld() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 2);
        assertThat(broker.eventsAfter(broker.origin())).contains(List.of());
        broker.publish(event("a"));
        broker.publish(event("b"));
        assertThat(broker.eventsAfter(broker.origin()).map(MemoryBrokerTest::ids)).contains(List.of("a", "b"));

        broker.publish(event("c"));
        assertThat(broker.eventsAfter(broker.origin())).as("a was trimmed").isEmpty();
    }

    @Test
    void unknownOffsetsHaveNoAnswer() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 100);
        broker.publish(event("a"));
        String offset = delivered.get(0).offset();
        String sequence = offset.substring(offset.indexOf('-') + 1);

        assertThat(broker.eventsAfter("garbage")).isEmpty();
        assertThat(broker.eventsAfter("")).isEmpty();
        assertThat(broker.eventsAfter(offset.replace("-" + sequence, "-99"))).as("an offset not given yet").isEmpty();
        assertThat(broker.eventsAfter("00000000-" + sequence)).as("another log's offset").isEmpty();
        assertThat(broker.eventsAfter(offset.replace("-" + sequence, "-99999999999999999999"))).isEmpty();
    }

    @Test
    void anOffsetWhoseFollowersWereTrimmedByCountHasNoAnswer() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 2);
        for (String id : List.of("a", "b", "c", "d")) {
            broker.publish(event(id));
        }

        assertThat(broker.heldEvents()).isEqualTo(2);
        assertThat(broker.eventsAfter(delivered.get(0).offset())).as("b was trimmed").isEmpty();
        assertThat(broker.eventsAfter(delivered.get(1).offset()).map(MemoryBrokerTest::ids))
                .as("b itself is gone, but everything after it is held").contains(List.of("c", "d"));
    }

    @Test
    void eventsOlderThanTheRetentionAreTrimmed() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 100);
        broker.publish(event("a"));
        broker.publish(event("b"));
        clock.advance(Duration.ofSeconds(61));
        broker.publish(event("c"));
        clock.advance(Duration.ofSeconds(60));

        assertThat(broker.eventsAfter(delivered.get(0).offset())).as("b is older than 2 minutes").isEmpty();
        assertThat(broker.eventsAfter(delivered.get(1).offset()).map(MemoryBrokerTest::ids)).contains(List.of("c"));
        clock.advance(Duration.ofSeconds(60));
        assertThat(broker.lastOffset()).isEmpty();
        assertThat(broker.eventsAfter(delivered.get(2).offset())).as("nothing after the last one").contains(List.of());
    }

    @Test
    void withNothingRetainedOffsetsAreStillGivenAndOnlyTheLastIsKnown() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 0);
        broker.publish(event("a"));
        broker.publish(event("b"));

        assertThat(delivered).hasSize(2);
        assertThat(broker.heldEvents()).isZero();
        assertThat(broker.eventsAfter(delivered.get(0).offset())).isEmpty();
        assertThat(broker.eventsAfter(delivered.get(1).offset())).contains(List.of());
    }

    @Test
    void concurrentPublishersAreDeliveredInOffsetOrder() throws InterruptedException {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 100_000);
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    broker.publish(event(thread + ":" + i));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        assertThat(delivered).hasSize(threads * perThread);
        List<Long> sequences = delivered.stream()
                .map(e -> Long.parseLong(e.offset().substring(e.offset().indexOf('-') + 1))).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        String first = delivered.get(0).offset();
        assertThat(broker.eventsAfter(first).orElseThrow()).isEqualTo(delivered.subList(1, delivered.size()));
        assertThat(broker.lastOffset()).contains(delivered.get(delivered.size() - 1).offset());
    }

    @Test
    void eventsAfterIsEmptyNotAnErrorForAnOptionalOffsetShape() {
        MemoryBroker broker = broker(Duration.ofMinutes(2), 10);
        assertThat(broker.lastOffset()).isEqualTo(Optional.empty());
        assertThat(broker.eventsAfter("-")).isEmpty();
        assertThat(broker.eventsAfter("x-1")).isEmpty();
    }
}
