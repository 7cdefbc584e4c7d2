package com.medsync.realtime.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What one client received, in arrival order, for tests to await.
 *
 * <p>An await takes the first <em>unconsumed</em> item that matches and leaves the others in place,
 * so a test may await events in a different order than they arrived. Failures say what was awaited
 * and list what arrived instead, which is usually the whole diagnosis.
 */
public final class EventLog<T> {

    private static final int MAX_SHOWN = 25;
    private static final int MAX_ITEM_CHARS = 400;

    private final String owner;
    private final Function<T, String> describer;
    private final List<T> all = new ArrayList<>();
    private final LinkedList<T> unconsumed = new LinkedList<>();
    private String terminatedBecause;
    private Supplier<String> diagnostics = () -> "";

    public EventLog(String owner, Function<T, String> describer) {
        this.owner = owner;
        this.describer = describer;
    }

    /** Extra context appended to every failure (for instance the tail of a driver's stderr). */
    public synchronized void diagnostics(Supplier<String> diagnostics) {
        this.diagnostics = diagnostics;
    }

    public synchronized void add(T item) {
        all.add(item);
        unconsumed.add(item);
        notifyAll();
    }

    /** Nothing more will arrive (process died, connection closed for good): awaits fail at once. */
    public synchronized void terminate(String reason) {
        if (terminatedBecause == null) {
            terminatedBecause = reason;
        }
        notifyAll();
    }

    public synchronized boolean isTerminated() {
        return terminatedBecause != null;
    }

    public synchronized List<T> snapshot() {
        return List.copyOf(all);
    }

    public synchronized List<T> unconsumed() {
        return List.copyOf(unconsumed);
    }

    public T await(String what, Duration timeout, Predicate<T> match) {
        return await(what, timeout, match, item -> false);
    }

    /**
     * Takes the first unconsumed item matching {@code match}. An unconsumed item matching
     * {@code failFast} that arrived before any match ends the wait at once: the awaited thing
     * can no longer happen (a refused connection will not connect).
     */
    public synchronized T await(String what, Duration timeout, Predicate<T> match, Predicate<T> failFast) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Iterator<T> it = unconsumed.iterator();
            while (it.hasNext()) {
                T item = it.next();
                if (match.test(item)) {
                    it.remove();
                    return item;
                }
                if (failFast.test(item)) {
                    throw failure("awaited " + what + " but got " + describe(item) + " first");
                }
            }
            if (terminatedBecause != null) {
                throw failure("awaited " + what + " but no more will arrive: " + terminatedBecause);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw failure("awaited " + what + " for " + timeout.toMillis() + " ms, it did not arrive");
            }
            waitNanos(left, what);
        }
    }

    /** Fails as soon as a matching item is unconsumed or arrives within the window. */
    public synchronized void assertNone(String what, Duration window, Predicate<T> match) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            for (T item : unconsumed) {
                if (match.test(item)) {
                    throw failure("expected no " + what + " within " + window.toMillis() + " ms but got " + describe(item));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || terminatedBecause != null) {
                return;
            }
            waitNanos(left, "absence of " + what);
        }
    }

    private void waitNanos(long nanos, String what) {
        try {
            long millis = Math.max(1, nanos / 1_000_000);
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for " + what);
        }
    }

    private AssertionError failure(String headline) {
        StringBuilder message = new StringBuilder(owner).append(": ").append(headline).append('.');
        List<T> recent = unconsumed.size() > MAX_SHOWN
                ? unconsumed.subList(unconsumed.size() - MAX_SHOWN, unconsumed.size())
                : unconsumed;
        message.append("\n  unconsumed (").append(unconsumed.size()).append(" of ").append(all.size())
                .append(" received)").append(unconsumed.size() > MAX_SHOWN ? ", latest " + MAX_SHOWN : "").append(':');
        if (recent.isEmpty()) {
            message.append(" none");
        }
        for (T item : recent) {
            message.append("\n    ").append(describe(item));
        }
        if (terminatedBecause != null && !headline.contains(terminatedBecause)) {
            message.append("\n  terminated: ").append(terminatedBecause);
        }
        String extra = diagnostics.get();
        if (extra != null && !extra.isBlank()) {
            message.append('\n').append(extra);
        }
        return new AssertionError(message.toString());
    }

    private String describe(T item) {
        String text = describer.apply(item);
        return text.length() > MAX_ITEM_CHARS ? text.substring(0, MAX_ITEM_CHARS) + "...(" + text.length() + " chars)" : text;
    }
}
