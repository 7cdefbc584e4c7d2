package com.medsync.realtime.server.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryKeyValueStoreTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
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
    };
    private final MemoryKeyValueStore store = new MemoryKeyValueStore(clock);

    @Test
    void valuesExpireAfterTheirTtl() {
        store.put("k", "v", Duration.ofSeconds(10));
        assertThat(store.get("k")).contains("v");

        now = now.plusSeconds(10);

        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void putIfAbsentSetsOnlyOnceWhileTheValueLives() {
        assertThat(store.putIfAbsent("id", "1", Duration.ofHours(24))).isTrue();
        assertThat(store.putIfAbsent("id", "2", Duration.ofHours(24))).isFalse();
        assertThat(store.get("id")).contains("1");

        now = now.plus(Duration.ofHours(24));

        assertThat(store.putIfAbsent("id", "3", Duration.ofHours(24))).isTrue();
        assertThat(store.get("id")).contains("3");
    }

    @Test
    void evictionDropsOnlyExpiredEntries() {
        store.put("short", "v", Duration.ofSeconds(1));
        store.put("long", "v", Duration.ofMinutes(1));
        now = now.plusSeconds(2);

        store.evictExpired();

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get("long")).contains("v");
    }

    @Test
    void deleteReportsWhetherALiveValueWasRemoved() {
        store.put("k", "v", Duration.ofSeconds(5));
        assertThat(store.delete("k")).isTrue();
        assertThat(store.delete("k")).isFalse();
    }

    @Test
    void ttlMustBePositive() {
        assertThatThrownBy(() -> store.put("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replaceSetsOnlyOverTheExpectedValue() {
        assertThat(store.replace("k", java.util.Optional.of("v"), "w", Duration.ofSeconds(10))).isFalse();
        assertThat(store.replace("k", java.util.Optional.empty(), "v", Duration.ofSeconds(10))).isTrue();
        assertThat(store.replace("k", java.util.Optional.empty(), "x", Duration.ofSeconds(10))).isFalse();
        assertThat(store.replace("k", java.util.Optional.of("other"), "x", Duration.ofSeconds(10))).isFalse();
        assertThat(store.replace("k", java.util.Optional.of("v"), "w", Duration.ofSeconds(10))).isTrue();
        assertThat(store.get("k")).contains("w");

        now = now.plusSeconds(10);
        // An expired value is no value.
        assertThat(store.replace("k", java.util.Optional.of("w"), "y", Duration.ofSeconds(10))).isFalse();
        assertThat(store.replace("k", java.util.Optional.empty(), "y", Duration.ofSeconds(10))).isTrue();
    }

    /** Holds the trims a capped store hands over until the test runs them, as the housekeeping thread would. */
    private final Queue<Runnable> trims = new ConcurrentLinkedQueue<>();

    private MemoryKeyValueStore capped(int maxEntries) {
        return new MemoryKeyValueStore(clock, maxEntries, trims::add);
    }

    private void runTrims() {
        for (Runnable trim = trims.poll(); trim != null; trim = trims.poll()) {
            trim.run();
        }
    }

    private static void fill(MemoryKeyValueStore store, String prefix, int count, Duration ttl) {
        for (int i = 0; i < count; i++) {
            store.put(prefix + i, "v", ttl);
        }
    }

    @Test
    void crossingTheCapSchedulesOneTrimUntilItHasRun() {
        MemoryKeyValueStore store = capped(10);
        fill(store, "k", 10, Duration.ofHours(1));
        assertThat(trims).as("at the cap, not past it").isEmpty();

        store.put("k10", "v", Duration.ofHours(1));
        store.put("k11", "v", Duration.ofHours(1));
        store.putIfAbsent("k12", "v", Duration.ofHours(1));
        store.replace("k13", Optional.empty(), "v", Duration.ofHours(1));

        assertThat(trims).hasSize(1);
        assertThat(store.size()).as("writes never wait for the trim").isEqualTo(14);
        runTrims();
        assertThat(store.size()).isEqualTo(9);

        fill(store, "again", 2, Duration.ofHours(1));
        assertThat(trims).as("a trim that has run lets the next crossing schedule another").hasSize(1);
    }

    @Test
    void aTrimDropsExpiredEntriesBeforeAnyLiveOne() {
        MemoryKeyValueStore store = capped(10);
        fill(store, "short", 2, Duration.ofSeconds(1));
        for (int i = 0; i < 9; i++) {
            store.put("long" + i, "v", Duration.ofMinutes(10 + i));
        }
        now = now.plusSeconds(2);

        runTrims();

        assertThat(store.size()).isEqualTo(9);
        assertThat(store.evictions()).as("expired entries are not evictions").isZero();
        IntStream.range(0, 9).forEach(i -> assertThat(store.get("long" + i)).contains("v"));
    }

    @Test
    void thenTheEntriesSoonestToExpireGoDownToNineTenthsOfTheCap() {
        MemoryKeyValueStore store = capped(100);
        List<Integer> minutes = new ArrayList<>(IntStream.rangeClosed(1, 105).boxed().toList());
        Collections.shuffle(minutes, new java.util.Random(7));
        minutes.forEach(m -> store.put("ttl" + m, "v", Duration.ofMinutes(m)));

        runTrims();

        assertThat(store.size()).isEqualTo(90);
        assertThat(store.evictions()).isEqualTo(15);
        IntStream.rangeClosed(1, 15).forEach(m -> assertThat(store.get("ttl" + m)).as("ttl %d", m).isEmpty());
        IntStream.rangeClosed(16, 105).forEach(m -> assertThat(store.get("ttl" + m)).as("ttl %d", m).contains("v"));
    }

    @Test
    void entriesExpiringInTheSameMillisecondGoOnlyAsFarAsTheExcessNeeds() {
        MemoryKeyValueStore store = capped(100);
        fill(store, "same", 101, Duration.ofDays(30));

        runTrims();

        assertThat(store.size()).isEqualTo(90);
        assertThat(store.evictions()).isEqualTo(11);
    }

    @Test
    void theEvictionCounterAddsUpOverTrims() {
        MemoryKeyValueStore store = capped(10);
        fill(store, "a", 11, Duration.ofHours(1));
        runTrims();
        now = now.plusSeconds(1);
        fill(store, "b", 2, Duration.ofHours(1));
        runTrims();

        assertThat(store.evictions()).isEqualTo(2 + 2);
        assertThat(store.size()).isEqualTo(9);
        assertThat(store.get("b0")).as("the newer entries expire later").contains("v");
        assertThat(store.get("b1")).contains("v");
    }

    @Test
    void trimsWarnOnceAMinuteAtMostNamingWhatWasDroppedAndTheSetting() {
        Logger logger = (Logger) LoggerFactory.getLogger(MemoryKeyValueStore.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            MemoryKeyValueStore store = capped(10);
            fill(store, "a", 11, Duration.ofHours(1));
            runTrims();
            fill(store, "b", 2, Duration.ofHours(1));
            runTrims();
            assertThat(appender.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .contains("dropped the 2 live entries").contains("medsync.store.memory-max-entries"));

            now = now.plus(Duration.ofMinutes(1));
            fill(store, "c", 2, Duration.ofHours(1));
            runTrims();
            assertThat(appender.list).hasSize(2);
            assertThat(appender.list.get(1).getFormattedMessage()).as("the quiet trim's evictions included")
                    .contains("dropped the 4 live entries");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aRefusedTrimLeavesTheWriteStandingAndTheNextCrossingTriesAgain() {
        List<Runnable> accepted = new ArrayList<>();
        boolean[] stopping = {true};
        MemoryKeyValueStore store = new MemoryKeyValueStore(clock, 1, task -> {
            if (stopping[0]) {
                throw new java.util.concurrent.RejectedExecutionException("stopping");
            }
            accepted.add(task);
        });
        store.put("a", "v", Duration.ofHours(1));
        store.put("b", "v", Duration.ofHours(1));
        stopping[0] = false;
        store.put("c", "v", Duration.ofHours(1));

        assertThat(store.get("b")).contains("v");
        assertThat(accepted).hasSize(1);
    }

    @Test
    void writersRacingPastTheCapScheduleOneTrim() throws Exception {
        MemoryKeyValueStore store = capped(1_000);
        runConcurrently(4, writer -> fill(store, "w" + writer + "-", 1_000, Duration.ofHours(1)));

        assertThat(trims).hasSize(1);
        runTrims();
        assertThat(store.size()).isEqualTo(900);
        assertThat(store.evictions()).isEqualTo(3_100);
    }

    @Test
    void trimsOnAnotherThreadKeepEveryEntryAccountedFor() throws Exception {
        ExecutorService housekeeping = Executors.newSingleThreadExecutor();
        try {
            MemoryKeyValueStore store = new MemoryKeyValueStore(clock, 1_000, housekeeping);
            runConcurrently(4, writer -> {
                for (int i = 0; i < 5_000; i++) {
                    // Distinct expiry times, so trims have an order to keep to.
                    store.put("w" + writer + "-" + i, "v", Duration.ofMinutes(1 + writer * 5_000L + i));
                    store.get("w" + writer + "-" + (i / 2));
                }
            });
            // Past a task submitted now, every trim pending when the writers stopped has run; one that found
            // the store still over the cap scheduled another, so wait for that one too.
            int barriers = 0;
            do {
                housekeeping.submit(() -> { }).get();
            } while (store.size() > 1_000 && ++barriers < 10);

            assertThat(store.size()).isLessThanOrEqualTo(1_000);
            assertThat(store.evictions() + store.size()).as("each key written once: kept or evicted")
                    .isEqualTo(20_000);
            assertThat(store.get("w3-4999")).as("the latest to expire is kept").contains("v");
        } finally {
            housekeeping.shutdownNow();
        }
    }

    private static void runConcurrently(int writers, java.util.function.IntConsumer writer) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                running.add(threads.submit(() -> {
                    start.await();
                    writer.accept(id);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
