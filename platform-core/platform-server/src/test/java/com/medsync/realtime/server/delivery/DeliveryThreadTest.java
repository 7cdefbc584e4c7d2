package com.medsync.realtime.server.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryThreadTest {

    private final List<String> delivered = Collections.synchronizedList(new ArrayList<>());

    private static SequencedEvent event(int sequence) {
        return new SequencedEvent("e-" + sequence, new OutboundEvent("id-" + sequence, "order:new",
                JsonNodeFactory.instance.objectNode(), Set.of(Room.pharmacy("p1"))));
    }

    /** A delivery that handles the events of a batch one by one. */
    private static java.util.function.Consumer<List<SequencedEvent>> each(
            java.util.function.Consumer<SequencedEvent> delivery) {
        return batch -> batch.forEach(delivery);
    }

    @Test
    void eventsAreDeliveredOnItsOwnThreadInTheOrderTheyWereHandedOver() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (DeliveryThread deliveries = new DeliveryThread(each(event -> {
            delivered.add(event.offset());
            threads.add(Thread.currentThread().getName());
        }), 100)) {
            for (int i = 1; i <= 1_000; i++) {
                deliveries.accept(event(i));
            }
            awaitDelivered(1_000);
        }
        assertThat(delivered).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 1_000).mapToObj(i -> "e-" + i).toList());
        assertThat(threads).containsOnly("medsync-delivery");
    }

    @Test
    void aFailingDeliveryDoesNotStopTheNextOnes() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        try (DeliveryThread deliveries = new DeliveryThread(each(event -> {
            if (event.offset().equals("e-2")) {
                failed.countDown();
                throw new IllegalStateException("boom");
            }
            delivered.add(event.offset());
        }), 10)) {
            deliveries.accept(event(1));
            awaitDelivered(1);
            deliveries.accept(event(2));
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            deliveries.accept(event(3));
            awaitDelivered(2);
        }
        assertThat(delivered).containsExactly("e-1", "e-3");
    }

    @Test
    void whatWaitsWhileADeliveryRunsIsDeliveredAsOneBatchInOrder() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        try (DeliveryThread deliveries = new DeliveryThread(batch -> {
            started.countDown();
            awaitQuietly(release);
            batches.add(batch.stream().map(SequencedEvent::offset).toList());
            batch.forEach(event -> delivered.add(event.offset()));
        }, 200)) {
            deliveries.accept(event(1));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 100; i++) {
                deliveries.accept(event(i));
            }
            release.countDown();
            awaitDelivered(100);
        }
        assertThat(batches.get(0)).as("an event that finds the thread idle goes out alone").containsExactly("e-1");
        assertThat(batches.get(1)).as("then at most a batch's worth of what waited")
                .hasSize(DeliveryThread.MAX_BATCH).startsWith("e-2");
        assertThat(delivered).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> "e-" + i).toList());
    }

    @Test
    void aPublisherWaitsWhileTheBacklogIsFull() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try (DeliveryThread deliveries = new DeliveryThread(each(event -> {
            started.countDown();
            awaitQuietly(release);
            delivered.add(event.offset());
        }), 2)) {
            deliveries.accept(event(1)); // taken by the delivery thread, which waits
            // Before the next ones arrive, or it would take them in the same batch.
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            deliveries.accept(event(2));
            deliveries.accept(event(3)); // the backlog of 2 is full now
            Future<?> fourth = publisher.submit(() -> deliveries.accept(event(4)));

            assertThatThrownBy(() -> fourth.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            release.countDown();
            fourth.get(5, TimeUnit.SECONDS);
            awaitDelivered(4);
        } finally {
            publisher.shutdownNow();
        }
        assertThat(delivered).containsExactly("e-1", "e-2", "e-3", "e-4");
    }

    @Test
    void closeDeliversWhatIsWaitingAndLaterEventsAreDeliveredByTheirPublisher() {
        CountDownLatch release = new CountDownLatch(1);
        DeliveryThread deliveries = new DeliveryThread(each(event -> {
            awaitQuietly(release);
            delivered.add(event.offset() + "@" + Thread.currentThread().getName());
        }), 10);
        deliveries.accept(event(1));
        deliveries.accept(event(2));
        release.countDown();
        deliveries.close();

        deliveries.accept(event(3));

        assertThat(delivered).containsExactly("e-1@medsync-delivery", "e-2@medsync-delivery",
                "e-3@" + Thread.currentThread().getName());
    }

    @Test
    void aPublisherThatFindsNobodyDeliveringDeliversItsEventItself() {
        try (DeliveryThread deliveries = new DeliveryThread(each(event -> delivered.add(event.offset() + "@"
                + Thread.currentThread().getName())), 10)) {
            deliveries.queue(event(1));
            deliveries.deliverWaiting();

            assertThat(delivered).containsExactly("e-1@" + Thread.currentThread().getName());
        }
    }

    @Test
    void whileAnotherThreadDeliversAPublisherReturnsAtOnceAndItsEventFollowsInOrder() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (DeliveryThread deliveries = new DeliveryThread(each(event -> {
            started.countDown();
            awaitQuietly(release);
            delivered.add(event.offset());
        }), 10)) {
            Future<?> one = first.submit(() -> {
                deliveries.queue(event(1));
                deliveries.deliverWaiting(); // delivers e-1, held until released
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            second.submit(() -> {
                deliveries.queue(event(2));
                deliveries.deliverWaiting();
            }).get(5, TimeUnit.SECONDS);
            assertThat(delivered).as("the second publisher did not wait for the first one's delivery").isEmpty();

            release.countDown();
            one.get(5, TimeUnit.SECONDS);
            awaitDelivered(2);
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
        assertThat(delivered).containsExactly("e-1", "e-2");
    }

    @Test
    void eventsWaitingTogetherAreLeftToTheThreadWhichDeliversThemInBatches() throws Exception {
        List<String> batchThreads = Collections.synchronizedList(new ArrayList<>());
        try (DeliveryThread deliveries = new DeliveryThread(batch -> {
            batchThreads.add(Thread.currentThread().getName());
            batch.forEach(event -> delivered.add(event.offset()));
        }, 500)) {
            for (int i = 1; i <= 300; i++) {
                deliveries.queue(event(i));
            }
            deliveries.deliverWaiting();
            awaitDelivered(300);
        }
        assertThat(batchThreads).containsOnly("medsync-delivery").hasSizeGreaterThanOrEqualTo(300 / DeliveryThread.MAX_BATCH);
        assertThat(delivered).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 300).mapToObj(i -> "e-" + i).toList());
    }

    @Test
    void manyPublishersGetEveryEventDeliveredOnceInTheOrderOfTheirSequencing() throws Exception {
        int publishers = 4;
        int each = 5_000;
        Object sequencing = new Object();
        int[] next = {0};
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        // A small backlog, so publishers also wait for room while others deliver.
        try (DeliveryThread deliveries = new DeliveryThread(each(event -> delivered.add(event.offset())), 50)) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        synchronized (sequencing) { // as the broker hands events over in offset order
                            deliveries.queue(event(++next[0]));
                        }
                        deliveries.deliverWaiting();
                    }
                }));
            }
            for (Future<?> publisher : running) {
                publisher.get(30, TimeUnit.SECONDS);
            }
            awaitDelivered(publishers * each);
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivered).isEqualTo(java.util.stream.IntStream.rangeClosed(1, publishers * each)
                .mapToObj(i -> "e-" + i).toList());
    }

    private void awaitDelivered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(delivered).hasSize(count);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
