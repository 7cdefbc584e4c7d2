package com.medsync.realtime.server.socket.engine;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LoopDrainTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<String> drained = new CopyOnWriteArrayList<>();
    private final List<Long> delays = new CopyOnWriteArrayList<>();
    private final LoopDrain<String> drain = new LoopDrain<>(loop, drained::add, delays::add);

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void batchesHandedOverWhileTheLoopIsBusyAreDrainedByOneTaskEachConnectionOnce() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        loop.execute(() -> {
            started.countDown();
            await(busy);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        long now = System.nanoTime();
        drain.add(Set.of("a", "b"), new long[] {now}, 1);
        drain.add(Set.of("b", "c"), new long[] {now, now}, 2);
        drain.add(Set.of("a"), new long[] {now}, 1);
        assertThat(loop.pendingTasks()).as("one drain task waits, however many batches joined it").isEqualTo(1);

        busy.countDown();
        runQueued();

        assertThat(drained).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(delays).as("every event of every batch is recorded once").hasSize(4).allMatch(delay -> delay >= 0);
    }

    @Test
    void aBatchAfterTheTaskRanQueuesItAgain() throws Exception {
        drain.add(Set.of("a"), new long[] {System.nanoTime()}, 1);
        runQueued();
        drain.add(Set.of("a"), new long[] {System.nanoTime()}, 1);
        runQueued();

        assertThat(drained).containsExactly("a", "a");
        assertThat(delays).hasSize(2);
    }

    @Test
    void eachTaskDrainsOnlyWhatWasAddedSinceTheLastOne() throws Exception {
        // The sets take turns: one a task drained must come back empty.
        for (String connection : List.of("a", "b", "c", "d")) {
            drain.add(Set.of(connection, connection + "2"), new long[] {System.nanoTime()}, 1);
            runQueued();
        }

        assertThat(drained).containsExactlyInAnyOrder("a", "a2", "b", "b2", "c", "c2", "d", "d2");
        assertThat(delays).hasSize(4);
    }

    @Test
    void afterABacklogTooLargeToKeepItsSetTheNextTasksDrainOnlyTheirOwn() throws Exception {
        Set<String> backlog = new HashSet<>();
        for (int i = 0; i <= LoopDrain.REUSED_UP_TO * 2; i++) {
            backlog.add("backlog-" + i);
        }
        drain.add(backlog, new long[] {System.nanoTime()}, 1);
        runQueued();
        drained.clear();
        for (String connection : List.of("a", "b", "c")) {
            drain.add(Set.of(connection), new long[] {System.nanoTime()}, 1);
            runQueued();
        }

        assertThat(drained).containsExactly("a", "b", "c");
    }

    @Test
    void onlyTheHandOverTimesABatchCountsAreRecorded() throws Exception {
        long now = System.nanoTime();
        drain.add(Set.of("a"), new long[] {now, now, 0, 0}, 2);
        runQueued();

        assertThat(delays).hasSize(2);
    }

    @Test
    void batchesAddedWhileTheLoopDrainsAreNeitherLostNorCountedTwice() throws Exception {
        int batches = 20_000;
        Thread delivering = new Thread(() -> {
            for (int i = 0; i < batches; i++) {
                drain.add(Set.of("connection-" + i), new long[] {System.nanoTime()}, 1);
            }
        });
        delivering.start();
        delivering.join(TimeUnit.SECONDS.toMillis(30));
        runQueued();

        assertThat(drained).hasSize(batches).doesNotHaveDuplicates();
        assertThat(delays).hasSize(batches);
    }

    @Test
    void aStoppedLoopDropsTheDrainWithoutThrowingAndRecordsNothing() throws Exception {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);

        drain.add(Set.of("a"), new long[] {System.nanoTime()}, 1);
        drain.add(Set.of("b"), new long[] {System.nanoTime()}, 1);

        assertThat(drained).isEmpty();
        assertThat(delays).isEmpty();
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
