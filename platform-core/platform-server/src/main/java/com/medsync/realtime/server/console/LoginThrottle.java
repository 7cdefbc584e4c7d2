package com.medsync.realtime.server.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Slows down guessing of the admin token through the console login: a remote address that failed
 * {@code maxFailures} times within the window is refused until its oldest failure in the window is older than
 * the window (a sliding window, so a steady guesser gets {@code maxFailures} tries per window and no more).
 * A successful login forgets the address's failures. IPv6 addresses are counted by their /64 network
 * ({@link AddressBlock}): one host commonly holds a whole /64.
 *
 * <p>Memory stays bounded: at most {@link #MAX_ADDRESSES} addresses are remembered; past that, those whose
 * failures all left the window are forgotten, then the address remembered first.
 *
 * <p>Thread-safe.
 */
public final class LoginThrottle {

    static final int MAX_ADDRESSES = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final LongSupplier nanoClock;
    private final Map<String, ArrayDeque<Long>> failures = new LinkedHashMap<>();

    /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests move their own) */
    public LoginThrottle(int maxFailures, Duration window, LongSupplier nanoClock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = Objects.requireNonNull(window, "window");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * @return how long {@code address} must wait before it may try again, or empty when it may try now
     */
    public synchronized Optional<Duration> refusal(String address) {
        ArrayDeque<Long> recent = failures.get(AddressBlock.of(address));
        if (recent == null) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        dropExpired(recent, now);
        if (recent.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.toNanos() - (now - recent.peekFirst())));
    }

    /** Counts a failed login from {@code address}. */
    public synchronized void failed(String address) {
        long now = nanoClock.getAsLong();
        String block = AddressBlock.of(address);
        ArrayDeque<Long> recent = failures.get(block);
        if (recent == null) {
            makeRoom(now);
            recent = new ArrayDeque<>();
            failures.put(block, recent);
        }
        dropExpired(recent, now);
        recent.addLast(now);
        // Only the newest maxFailures decide when the address may try again.
        while (recent.size() > maxFailures) {
            recent.removeFirst();
        }
    }

    /** Forgets the failures of {@code address}: whoever is there knows the token. */
    public synchronized void succeeded(String address) {
        failures.remove(AddressBlock.of(address));
    }

    synchronized int addressesRemembered() {
        return failures.size();
    }

    private void makeRoom(long now) {
        if (failures.size() < MAX_ADDRESSES) {
            return;
        }
        failures.values().removeIf(recent -> {
            dropExpired(recent, now);
            return recent.isEmpty();
        });
        if (failures.size() >= MAX_ADDRESSES) {
            Iterator<String> first = failures.keySet().iterator();
            first.next();
            first.remove();
        }
    }

    private void dropExpired(ArrayDeque<Long> recent, long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= window.toNanos()) {
            recent.removeFirst();
        }
    }
}
