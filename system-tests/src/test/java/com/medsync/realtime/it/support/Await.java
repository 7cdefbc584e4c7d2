package com.medsync.realtime.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, for state that has no event to wait on (server-side counters, files). */
public final class Await {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    public static void until(String description, BooleanSupplier condition) {
        until(description, DEFAULT_TIMEOUT, condition);
    }

    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        until(() -> description, timeout, condition);
    }

    /** The description is computed only on failure, so it can report the state that was last seen. */
    public static void until(Supplier<String> description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + description.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + description.get(), e);
            }
        }
    }

    /** Like {@link #until} but for a value: returns the first non-null result. */
    public static <T> T value(String description, Duration timeout, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        until(description, timeout, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }
}
