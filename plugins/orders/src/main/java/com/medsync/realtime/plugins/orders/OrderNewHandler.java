package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PayloadFields;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.room.Room;

/**
 * Owns {@code order:new}: checks the payload against the contract
 * ({@code {id, drugName, quantity, status, patient: {id, phone}, pharmacy: {id, name}, createdAt}}, extra
 * members pass through untouched), remembers the order's parties, and sends it to
 * {@code pharmacy:{pharmacy.id}} and {@code user:{patient.id}}.
 */
final class OrderNewHandler implements PublishedEventHandler {

    static final String EVENT = "order:new";

    private final OrderBook book;

    OrderNewHandler(OrderBook book) {
        this.book = book;
    }

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public Routing route(JsonNode data) throws ContractViolation {
        OrderParties parties = validate(data);
        book.remember(parties);
        return Routing.to(Room.pharmacy(parties.pharmacyId()), Room.user(parties.patientId()));
    }

    /**
     * Checks every member of the contract, in the contract's order, so the first violation reported is
     * the first a reader of the payload would meet.
     *
     * @return the parties the order names
     */
    static OrderParties validate(JsonNode data) throws ContractViolation {
        PayloadFields.object(data, "");
        String id = PayloadFields.id(data, "", "id");
        PayloadFields.text(data, "", "drugName");
        PayloadFields.positiveInt(data, "", "quantity");
        PayloadFields.text(data, "", "status");
        JsonNode patient = PayloadFields.objectMember(data, "", "patient");
        String patientId = PayloadFields.id(patient, "patient", "id");
        PayloadFields.text(patient, "patient", "phone");
        JsonNode pharmacy = PayloadFields.objectMember(data, "", "pharmacy");
        String pharmacyId = PayloadFields.id(pharmacy, "pharmacy", "id");
        PayloadFields.text(pharmacy, "pharmacy", "name");
        PayloadFields.timestamp(data, "", "createdAt");
        return new OrderParties(id, pharmacyId, patientId);
    }
}
