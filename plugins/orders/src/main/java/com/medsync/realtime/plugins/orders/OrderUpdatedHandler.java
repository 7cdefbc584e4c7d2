package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PayloadFields;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.room.Room;

import java.util.Optional;

/**
 * Owns {@code order:updated}: checks {@code {id, status, updatedAt}} and sends the update to the rooms of
 * that order, as remembered from its {@code order:new}. For an order it does not know, it derives no rooms:
 * the platform then accepts the event only with explicit {@code to} rooms and otherwise answers 422 naming
 * the order.
 */
final class OrderUpdatedHandler implements PublishedEventHandler {

    static final String EVENT = "order:updated";

    private final OrderBook book;

    OrderUpdatedHandler(OrderBook book) {
        this.book = book;
    }

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public Routing route(JsonNode data) throws ContractViolation {
        String id = validate(data);
        Optional<OrderParties> parties = book.find(id);
        if (parties.isEmpty()) {
            return Routing.onlyExplicit("id",
                    "order '" + id + "' is unknown; publish its order:new first or name rooms in 'to'");
        }
        // An order that still changes is still live: keep it known for another TTL.
        book.touch(parties.get());
        return Routing.to(Room.pharmacy(parties.get().pharmacyId()), Room.user(parties.get().patientId()));
    }

    /** @return the order id, once every member of the contract checks out */
    static String validate(JsonNode data) throws ContractViolation {
        PayloadFields.object(data, "");
        String id = PayloadFields.id(data, "", "id");
        PayloadFields.text(data, "", "status");
        PayloadFields.timestamp(data, "", "updatedAt");
        return id;
    }
}
