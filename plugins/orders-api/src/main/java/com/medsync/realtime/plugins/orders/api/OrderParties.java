package com.medsync.realtime.plugins.orders.api;

import java.util.Objects;

/**
 * The parties of one order, as learned from its {@code order:new}.
 *
 * @param orderId    the order's id
 * @param pharmacyId the id of the pharmacy fulfilling it ({@code pharmacy.id})
 * @param patientId  the id of the patient who placed it ({@code patient.id}), also their user id
 */
public record OrderParties(String orderId, String pharmacyId, String patientId) {

    public OrderParties {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(pharmacyId, "pharmacyId");
        Objects.requireNonNull(patientId, "patientId");
    }
}
