package com.medsync.realtime.plugins.orders;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

import java.time.Duration;

/**
 * The orders feature: owns {@code order:new} and {@code order:updated}, and makes the orders it learns of
 * available to other plugins through {@link StoredOrderDirectory}.
 *
 * <p>Configuration ({@code medsync.plugin-config.orders}): {@code order-ttl}, how long an order's parties
 * are remembered after its last {@code order:new} or {@code order:updated} (default {@code 30d}).
 */
@Extension
public final class OrdersFeature implements MedsyncFeature {

    static final Duration DEFAULT_ORDER_TTL = Duration.ofDays(30);

    @Override
    public void start(FeatureContext context) {
        Duration ttl = DurationSetting.read(context.config(), "order-ttl",
                "medsync.plugin-config.orders.order-ttl", DEFAULT_ORDER_TTL);
        OrderBook book = new OrderBook(context.store(), ttl);
        context.ownEvent(new OrderNewHandler(book));
        context.ownEvent(new OrderUpdatedHandler(book));
        // Last, so the directory never answers for a feature whose start failed half way.
        OrderBookHolder.set(book);
    }

    @Override
    public void stop() {
        OrderBookHolder.clear();
    }
}
