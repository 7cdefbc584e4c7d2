package com.medsync.realtime.plugins.orders;

import java.util.Optional;

/**
 * Hands the running feature's {@link OrderBook} to {@link StoredOrderDirectory}, which pf4j instantiates
 * itself and which therefore cannot receive it through a constructor.
 *
 * <p>The field is static, but this class is loaded by the orders plugin's own class loader, so the value is
 * visible to this plugin only and goes away with it; {@link OrdersFeature} sets it on start and clears it on
 * stop, so a stopped plugin keeps no reference to the platform's store.
 */
final class OrderBookHolder {

    private static volatile OrderBook current;

    private OrderBookHolder() {
    }

    static void set(OrderBook book) {
        current = book;
    }

    static void clear() {
        current = null;
    }

    /** @return the running feature's book, or empty while the feature is not started */
    static Optional<OrderBook> current() {
        return Optional.ofNullable(current);
    }
}
