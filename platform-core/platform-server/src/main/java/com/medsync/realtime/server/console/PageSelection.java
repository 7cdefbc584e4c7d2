package com.medsync.realtime.server.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Picks one page out of items offered in any order: the first {@code limit} by {@code order}. It holds
 * {@code limit + 1} items at most (the extra one tells whether a next page exists), so a listing over 20,000
 * sockets costs one pass and {@code O(n log limit)} comparisons, and never more memory than a page.
 */
final class PageSelection<T> {

    private final Comparator<T> order;
    private final int limit;
    /** The best items so far, the worst of them on top, so that it is the one to drop. */
    private final PriorityQueue<T> best;

    PageSelection(Comparator<T> order, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.order = order;
        this.limit = limit;
        this.best = new PriorityQueue<>(limit + 1, order.reversed());
    }

    void offer(T item) {
        if (best.size() <= limit) {
            best.add(item);
        } else if (order.compare(item, best.peek()) < 0) {
            best.poll();
            best.add(item);
        }
    }

    /** @param cursorOf the key a client passes back as {@code after} to get the items that follow one */
    Page<T> page(Function<T, String> cursorOf) {
        List<T> items = new ArrayList<>(best);
        items.sort(order);
        if (items.size() <= limit) {
            return new Page<>(items, Optional.empty());
        }
        List<T> page = items.subList(0, limit);
        return new Page<>(page, Optional.of(cursorOf.apply(page.get(limit - 1))));
    }
}
