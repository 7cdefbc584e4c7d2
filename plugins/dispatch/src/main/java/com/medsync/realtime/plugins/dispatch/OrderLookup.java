package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.orders.api.OrderDirectory;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds an order's parties through the orders plugin's {@link OrderDirectory}. The directory is looked up on
 * every call, never kept: the orders plugin may be stopped and started again (taking this plugin with it),
 * and a kept instance would pin its old class loader.
 */
final class OrderLookup {

    private final Supplier<List<OrderDirectory>> directories;

    /** @param directories the started directories, fresh on each call: {@code () -> context.extensions(OrderDirectory.class)} */
    OrderLookup(Supplier<List<OrderDirectory>> directories) {
        this.directories = directories;
    }

    /** @return the order's parties, or empty when no started directory knows the order */
    Optional<OrderParties> find(String orderId) {
        for (OrderDirectory directory : directories.get()) {
            Optional<OrderParties> parties = directory.find(orderId);
            if (parties.isPresent()) {
                return parties;
            }
        }
        return Optional.empty();
    }
}
