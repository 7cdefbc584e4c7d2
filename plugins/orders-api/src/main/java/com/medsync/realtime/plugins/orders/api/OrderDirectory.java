package com.medsync.realtime.plugins.orders.api;

import org.pf4j.ExtensionPoint;

import java.util.Optional;

/**
 * Who an order concerns, for plugins that route by order (dispatch sends {@code dispatch:updated} to the
 * order's pharmacy and patient, and lets them join the dispatch room).
 *
 * <p>A dependent plugin declares {@code Plugin-Dependencies: orders} and looks the directory up each time
 * it needs it with {@code context.extensions(OrderDirectory.class)}; it keeps no instance across calls,
 * since a stopped orders plugin must leave nothing behind.
 */
public interface OrderDirectory extends ExtensionPoint {

    /**
     * @param orderId the order's id, as published in {@code order:new}
     * @return the order's parties, or empty when the order was never published or has been forgotten
     *     (its entry outlived {@code medsync.plugin-config.orders.order-ttl})
     */
    Optional<OrderParties> find(String orderId);
}
