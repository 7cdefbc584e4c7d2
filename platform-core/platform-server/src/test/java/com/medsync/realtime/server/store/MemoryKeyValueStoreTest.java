package com.medsync.realtime.server.store;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

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
}
