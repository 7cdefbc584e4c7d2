package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

class RingTest {

    private record Entry(long seq, String value) {
    }

    private final Ring<Entry> ring = new Ring<>(3, Entry::seq);

    private void add(String... values) {
        for (String value : values) {
            ring.add(seq -> new Entry(seq, value));
        }
    }

    private static List<String> values(List<Entry> entries) {
        return entries.stream().map(Entry::value).toList();
    }

    @Test
    void anEmptyRingHasNothingAndLastZero() {
        assertThat(ring.last()).isZero();
        assertThat(ring.after(0, 10)).isEmpty();
        assertThat(ring.newestFirst(10)).isEmpty();
    }

    @Test
    void itKeepsTheLastEntriesOnlyWithTheirSequenceNumbers() {
        add("a", "b", "c", "d", "e");

        assertThat(ring.last()).isEqualTo(5);
        assertThat(ring.newestFirst(10)).containsExactly(new Entry(5, "e"), new Entry(4, "d"), new Entry(3, "c"));
        assertThat(values(ring.after(0, 10))).containsExactly("c", "d", "e");
    }

    @Test
    void afterGivesOnlyNewerEntriesOldestFirstUpToTheLimit() {
        add("a", "b", "c");

        assertThat(values(ring.after(1, 10))).containsExactly("b", "c");
        assertThat(values(ring.after(1, 1))).containsExactly("b");
        assertThat(ring.after(3, 10)).isEmpty();
        assertThat(values(ring.newestFirst(2))).containsExactly("c", "b");
    }

    @Test
    void concurrentWritersLoseNothingTheRingStillHolds() throws InterruptedException {
        Ring<Entry> big = new Ring<>(1_000, Entry::seq);
        int writers = 4;
        int each = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    big.add(seq -> new Entry(seq, "x"));
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(big.last()).isEqualTo((long) writers * each);
        List<Entry> tail = big.after(0, 1_000);
        // Every slot holds an entry of the last thousand, in order: none older survives a newer one.
        assertThat(tail).extracting(Entry::seq).isSorted().allMatch(seq -> seq > writers * each - 1_000L);
        assertThat(tail.size()).isGreaterThan(990);
    }
}
