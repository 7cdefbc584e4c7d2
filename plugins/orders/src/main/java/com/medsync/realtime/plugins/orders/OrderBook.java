package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.spi.store.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembers each order's pharmacy and patient in the plugin's store, so that {@code order:updated} and other
 * plugins can find the order's rooms later, on any node. Entries expire after the configured TTL; each
 * update of the order starts the TTL again, so an order that is still moving is not forgotten.
 */
final class OrderBook {

    private static final Logger log = LoggerFactory.getLogger(OrderBook.class);
    private static final String KEY_PREFIX = "order:";

    private final KeyValueStore store;
    private final Duration ttl;
    private final ObjectMapper mapper = new ObjectMapper();

    OrderBook(KeyValueStore store, Duration ttl) {
        this.store = store;
        this.ttl = ttl;
    }

    /** Records (or replaces) an order's parties. */
    void remember(OrderParties parties) {
        // Written directly: a tree's toString sets up a generator each time, a cost paid at every order:new.
        String value = "{\"pharmacyId\":\"" + quoted(parties.pharmacyId()) + "\",\"patientId\":\""
                + quoted(parties.patientId()) + "\"}";
        store.put(KEY_PREFIX + parties.orderId(), value, ttl);
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** @return the parties of a known order */
    Optional<OrderParties> find(String orderId) {
        Optional<String> stored = store.get(KEY_PREFIX + orderId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode value = mapper.readTree(stored.get());
            String pharmacyId = value.path("pharmacyId").textValue();
            String patientId = value.path("patientId").textValue();
            if (pharmacyId == null || patientId == null) {
                throw new IOException("missing members");
            }
            return Optional.of(new OrderParties(orderId, pharmacyId, patientId));
        } catch (IOException e) {
            // Only this class writes these entries; an unreadable one is treated as forgotten, not fatal.
            log.warn("Ignoring an unreadable entry for order {}: {}", orderId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts the TTL of a known order again. */
    void touch(OrderParties parties) {
        remember(parties);
    }
}
