package com.medsync.realtime.server.console;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing in a stable order.
 *
 * @param items the page, in order
 * @param next  the cursor of the next page (the last item's key), empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }
}
