package com.medsync.realtime.server.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryTrimTest {

    @Test
    void selectsTheSameValueAsSortingWouldWithManyRepeats() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int length = 1 + random.nextInt(500);
            // Few distinct values: the runs of equal expiry times a burst of writes with one TTL makes.
            int distinct = 1 + random.nextInt(round % 2 == 0 ? 5 : 1_000);
            long[] values = new long[length + 3];
            for (int i = 0; i < length; i++) {
                values[i] = 1_000L + random.nextInt(distinct);
            }
            long[] sorted = Arrays.copyOf(values, length);
            Arrays.sort(sorted);
            int k = random.nextInt(length);

            assertThat(ExpiryTrim.smallest(values, length, k)).as("round %d", round).isEqualTo(sorted[k]);
        }
    }

    @Test
    void kMustFallInsideTheValues() {
        assertThatThrownBy(() -> ExpiryTrim.smallest(new long[4], 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
