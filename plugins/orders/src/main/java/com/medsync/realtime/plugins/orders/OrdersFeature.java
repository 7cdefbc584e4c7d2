package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import com.medsync.realtime.spi.plugin.PluginSettings;

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
        Duration ttl = orderTtl(context.pluginId(), context.config());
        OrderBook book = new OrderBook(context.store(), ttl);
        context.ownEvent(new OrderNewHandler(book));
        context.ownEvent(new OrderUpdatedHandler(book));
        // Last, so the directory never answers for a feature whose start failed half way.
        OrderBookHolder.set(book);
    }

    /**
     * @return {@code order-ttl}, such as {@code 30d} or {@code 12h}; a bare number is refused, not read as
     *     milliseconds as {@link PluginSettings#duration} would, because nobody means milliseconds for a TTL
     * @throws IllegalArgumentException naming the setting when it is not a positive duration with a unit
     */
    static Duration orderTtl(String pluginId, JsonNode config) {
        PluginSettings settings = new PluginSettings(pluginId, config);
        if (config.path("order-ttl").isNumber()) {
            throw new IllegalArgumentException(settings.name("order-ttl") + " must be a positive duration with a unit,"
                    + " such as 30d, 12h, 15m, 90s or 500ms, got " + config.get("order-ttl"));
        }
        return settings.duration("order-ttl", DEFAULT_ORDER_TTL);
    }

    @Override
    public void stop() {
        OrderBookHolder.clear();
    }
}
