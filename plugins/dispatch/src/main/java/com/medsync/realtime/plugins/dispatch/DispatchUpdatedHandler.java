package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.room.Room;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Owns {@code dispatch:updated}, whoever publishes it (the backend through the publish API, or this plugin
 * from a provider's webhook or poll): checks it, sends it to {@code dispatch:{id}} and to the rooms of its
 * order ({@code pharmacy:{pharmacyId}}, {@code user:{patientId}}) when the orders plugin knows the order, and
 * remembers the dispatch so that its room policy, webhooks and polling know it from then on.
 */
final class DispatchUpdatedHandler implements PublishedEventHandler {

    static final String EVENT = "dispatch:updated";

    private final DispatchBook book;
    private final OrderLookup orders;

    DispatchUpdatedHandler(DispatchBook book, OrderLookup orders) {
        this.book = book;
        this.orders = orders;
    }

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public Routing route(JsonNode data) throws ContractViolation {
        DispatchUpdate update = DispatchUpdate.parse(data);
        remember(update);
        Set<Room> rooms = new LinkedHashSet<>();
        rooms.add(Room.dispatch(update.id()));
        Optional<OrderParties> parties = orders.find(update.orderId());
        parties.ifPresent(order -> {
            rooms.add(Room.pharmacy(order.pharmacyId()));
            rooms.add(Room.user(order.patientId()));
        });
        return Routing.to(rooms);
    }

    private void remember(DispatchUpdate update) {
        book.lock().lock();
        try {
            // The provider's reference survives updates from the same provider; a new provider starts afresh.
            String reference = book.find(update.id())
                    .filter(known -> known.provider().equals(update.provider()))
                    .map(DispatchState::providerReference)
                    .orElse(update.id());
            book.record(new DispatchState(update.id(), update.orderId(), update.provider(), reference,
                    update.status(), update.trackingUrl(), update.otp()));
        } finally {
            book.lock().unlock();
        }
    }
}
