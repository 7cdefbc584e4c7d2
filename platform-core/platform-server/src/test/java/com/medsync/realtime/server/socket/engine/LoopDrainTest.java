package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.event.EncodedPacket;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LoopDrainTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    /** What the sink was given, as "recipient packet", with " coalesced" when it was told more may follow. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final List<String> prefetched = new CopyOnWriteArrayList<>();
    private final List<Long> delays = new CopyOnWriteArrayList<>();
    private final LoopDrain<String> drain = new LoopDrain<>(loop, new RecordingSink(), delays::add);

    private record Named(String name) implements EncodedPacket {
    }

    private final class RecordingSink implements LoopDrain.Sink<String> {
        @Override
        public void send(String recipient, EncodedPacket packet, boolean coalesce) {
            if (recipient.equals("failing")) {
                throw new IllegalStateException("a recipient that throws");
            }
            sent.add(recipient + " " + ((Named) packet).name() + (coalesce ? " coalesced" : ""));
        }

        @Override
        public void endOfRun() {
            runs.add("end after " + sent.size());
        }

        @Override
        public int prefetch(String recipient) {
            if (recipient.equals("failing-prefetch")) {
                throw new IllegalStateException("a prefetch that throws");
            }
            prefetched.add(recipient + " before " + sent.size());
            return 1;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void aRunOfOneEventPrefetchesEveryRecipientThenHasEachWrittenAtOnceAndEndsOnce() throws Exception {
        add(List.of("a", "b", "c"), "e1", 1);
        runQueued();

        assertThat(prefetched).as("every recipient prefetched before the first send")
                .containsExactly("a before 0", "b before 0", "c before 0");
        assertThat(sent).containsExactly("a e1", "b e1", "c e1");
        assertThat(runs).containsExactly("end after 3");
        assertThat(delays).hasSize(1).allMatch(delay -> delay >= 0);
    }

    @Test
    void aFailedPrefetchLosesNoDelivery() throws Exception {
        add(List.of("a", "failing-prefetch", "b"), "e1", 1);
        runQueued();

        assertThat(sent).containsExactly("a e1", "failing-prefetch e1", "b e1");
    }

    @Test
    void aRecipientWithTheNextDeliveryTooIsToldMoreFollows() throws Exception {
        // One event, two packets for "a" (a legacy alias beside the event): the first may wait for the second.
        add(List.of("a", "a", "b"), "e1", 1);
        runQueued();

        assertThat(sent).containsExactly("a e1 coalesced", "a e1", "b e1");
    }

    @Test
    void batchesHandedOverWhileTheLoopIsBusyAreSentByOneTaskInOrderAndCoalesced() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        loop.execute(() -> {
            started.countDown();
            await(busy);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        add(List.of("a", "b"), "e1", 1);
        add(List.of("b", "c"), "e2", 2);
        add(List.of("a"), "e4", 1);
        assertThat(loop.pendingTasks()).as("one drain task waits, however many batches joined it").isEqualTo(1);

        busy.countDown();
        runQueued();

        assertThat(sent).as("several events in the run: every packet may wait for the run's end")
                .containsExactly("a e1 coalesced", "b e1 coalesced", "b e2 coalesced", "c e2 coalesced",
                        "a e4 coalesced");
        assertThat(runs).containsExactly("end after 5");
        assertThat(delays).as("every event of every batch is recorded once").hasSize(4).allMatch(delay -> delay >= 0);
    }

    @Test
    void aBatchAfterTheTaskRanQueuesItAgain() throws Exception {
        add(List.of("a"), "e1", 1);
        runQueued();
        add(List.of("a"), "e2", 1);
        runQueued();

        assertThat(sent).containsExactly("a e1", "a e2");
        assertThat(runs).hasSize(2);
        assertThat(delays).hasSize(2);
    }

    @Test
    void eachTaskSendsOnlyWhatWasAddedSinceTheLastOne() throws Exception {
        // The arrays take turns: one a task sent must come back empty.
        for (String recipient : List.of("a", "b", "c", "d")) {
            add(List.of(recipient, recipient + "2"), "e", 1);
            runQueued();
        }

        assertThat(sent).containsExactly("a e", "a2 e", "b e", "b2 e", "c e", "c2 e", "d e", "d2 e");
        assertThat(delays).hasSize(4);
    }

    @Test
    void afterABacklogTooLargeToKeepItsArraysTheNextTasksSendOnlyTheirOwn() throws Exception {
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i <= Deliveries.REUSED_UP_TO * 2; i++) {
            backlog.add("backlog-" + i);
        }
        add(backlog, "e0", 1);
        runQueued();
        sent.clear();
        for (String recipient : List.of("a", "b", "c")) {
            add(List.of(recipient), "e", 1);
            runQueued();
        }

        assertThat(sent).containsExactly("a e", "b e", "c e");
    }

    @Test
    void onlyTheHandOverTimesABatchCountsAreRecorded() throws Exception {
        long now = System.nanoTime();
        Deliveries one = new Deliveries();
        one.add("a", new Named("e"));
        drain.add(one, new long[] {now, now, 0, 0}, 2);
        runQueued();

        assertThat(delays).hasSize(2);
    }

    @Test
    void aRecipientThatThrowsKeepsNoOtherFromItsEvent() throws Exception {
        add(List.of("a", "failing", "b"), "e1", 1);
        runQueued();

        assertThat(sent).containsExactly("a e1", "b e1");
        assertThat(runs).hasSize(1);
    }

    @Test
    void batchesAddedWhileTheLoopSendsAreNeitherLostNorSentTwice() throws Exception {
        int batches = 20_000;
        Thread delivering = new Thread(() -> {
            for (int i = 0; i < batches; i++) {
                add(List.of("connection-" + i), "e", 1);
            }
        });
        delivering.start();
        delivering.join(TimeUnit.SECONDS.toMillis(30));
        runQueued();

        assertThat(sent).hasSize(batches).doesNotHaveDuplicates();
        assertThat(delays).hasSize(batches);
    }

    @Test
    void aStoppedLoopDropsTheDeliveriesWithoutThrowingAndRecordsNothing() throws Exception {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);

        add(List.of("a"), "e1", 1);
        add(List.of("b"), "e2", 1);

        assertThat(sent).isEmpty();
        assertThat(delays).isEmpty();
    }

    /** Hands over {@code packet} to each of {@code recipients}, carrying {@code events} events handed over now. */
    private void add(List<String> recipients, String packet, int events) {
        Deliveries deliveries = new Deliveries();
        for (String recipient : recipients) {
            deliveries.add(recipient, new Named(packet));
        }
        long[] times = new long[events];
        Arrays.fill(times, System.nanoTime());
        drain.add(deliveries, times, events);
    }

    /** Waits until what is queued on the loop now has run. */
    private void runQueued() throws Exception {
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
