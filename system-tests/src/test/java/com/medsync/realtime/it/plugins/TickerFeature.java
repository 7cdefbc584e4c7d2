package com.medsync.realtime.it.plugins;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import com.medsync.realtime.spi.room.Room;

import org.pf4j.Extension;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test plugin "ticker": owns {@code test:tick} and publishes one to {@code user:ticker_watch} every
 * 100 ms from the platform's scheduler, so a test can see the ticks stop when the plugin stops.
 */
@Extension
public final class TickerFeature implements MedsyncFeature {

    @Override
    public void start(FeatureContext context) {
        context.ownEvent(new com.medsync.realtime.spi.event.PublishedEventHandler() {
            @Override
            public String eventName() {
                return "test:tick";
            }

            @Override
            public Routing route(com.fasterxml.jackson.databind.JsonNode data) {
                return Routing.to(Room.user("ticker_watch"));
            }
        });
        AtomicInteger count = new AtomicInteger();
        context.scheduler().scheduleWithFixedDelay(() -> {
            try {
                context.publisher().publish("test:tick",
                        JsonNodeFactory.instance.objectNode().put("n", count.incrementAndGet()), Set.of(),
                        Optional.empty());
            } catch (ContractViolation e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofMillis(100), Duration.ofMillis(100));
        context.metrics().gauge("ticks", count::get);
    }
}
