package com.medsync.realtime.plugins.orders;

import com.medsync.realtime.plugins.orders.api.OrderDirectory;
import com.medsync.realtime.plugins.orders.api.OrderParties;

import org.pf4j.Extension;

import java.util.Optional;

/**
 * The {@link OrderDirectory} other plugins see: the same store entries {@code order:new} writes. pf4j
 * creates a new instance for every lookup, so it reads the book through {@link OrderBookHolder} each time.
 */
@Extension
public final class StoredOrderDirectory implements OrderDirectory {

    @Override
    public Optional<OrderParties> find(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        return OrderBookHolder.current().flatMap(book -> book.find(orderId));
    }
}
