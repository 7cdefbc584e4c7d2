package com.medsync.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;

/**
 * Everything one {@link TestSocket} received, in arrival order, for the test thread to await.
 *
 * <p>An await takes the first matching item that no earlier await took, and leaves the rest, so a test can
 * await things in another order than they arrived. Once the connection is over for good, awaits of things
 * that have not arrived fail at once instead of running out their timeout.
 */
final class Inbox {

    /** What arrived: {@code kind} is connect, connect_error, disconnect, event or ack; {@code name} an event's. */
    record Item(String kind, String name, JsonNode args) {
        @Override
        public String toString() {
            return kind + (name == null ? "" : " '" + name + "'") + " " + args;
        }
    }

    private static final int MAX_LISTED = 20;
    private static final int MAX_ITEM_CHARS = 300;

    private final String owner;
    private final List<Item> all = new ArrayList<>();
    private final LinkedList<Item> waiting = new LinkedList<>();
    private String endedBecause;

    Inbox(String owner) {
        this.owner = owner;
    }

    synchronized void add(Item item) {
        all.add(item);
        waiting.add(item);
        notifyAll();
    }

    /** Nothing more will arrive. The first reason given is kept. */
    synchronized void end(String reason) {
        if (endedBecause == null) {
            endedBecause = reason;
        }
        notifyAll();
    }

    synchronized List<Item> all() {
        return List.copyOf(all);
    }

    /**
     * @param what      what the failure message calls the awaited thing
     * @param failFast  an item that, arriving before a match, means the match cannot come any more
     */
    synchronized Item await(String what, Duration timeout, Predicate<Item> match, Predicate<Item> failFast) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<Item> it = waiting.iterator(); it.hasNext(); ) {
                Item item = it.next();
                if (match.test(item)) {
                    it.remove();
                    return item;
                }
                if (failFast.test(item)) {
                    return fail("awaited " + what + " but got " + shorten(item) + " first");
                }
            }
            if (endedBecause != null) {
                return fail("awaited " + what + " but nothing more will arrive: " + endedBecause);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("awaited " + what + " for " + timeout.toMillis() + " ms; it did not arrive");
            }
            pause(left, what);
        }
    }

    /** Fails if a matching item that no await took is here or arrives within {@code window}. */
    synchronized void assertNone(String what, Duration window, Predicate<Item> match) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            for (Item item : waiting) {
                if (match.test(item)) {
                    fail("expected no " + what + " within " + window.toMillis() + " ms but got " + shorten(item));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || endedBecause != null) {
                return;
            }
            pause(left, "no " + what);
        }
    }

    private void pause(long nanos, String what) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while awaiting " + what);
        }
    }

    /** The headline, then what arrived instead: usually the whole diagnosis. */
    private <T> T fail(String headline) {
        StringBuilder message = new StringBuilder(owner).append(": ").append(headline).append('.');
        message.append("\n  arrived and not awaited (").append(waiting.size()).append(" of ").append(all.size())
                .append(" received)").append(waiting.isEmpty() ? ": nothing" : ":");
        int skipped = Math.max(0, waiting.size() - MAX_LISTED);
        if (skipped > 0) {
            message.append("\n    ... ").append(skipped).append(" earlier");
        }
        waiting.stream().skip(skipped).forEach(item -> message.append("\n    ").append(shorten(item)));
        if (endedBecause != null && !headline.contains(endedBecause)) {
            message.append("\n  connection over: ").append(endedBecause);
        }
        return Assertions.fail(message.toString());
    }

    private static String shorten(Item item) {
        String text = item.toString();
        return text.length() <= MAX_ITEM_CHARS ? text : text.substring(0, MAX_ITEM_CHARS) + "... (" + text.length()
                + " chars)";
    }
}
