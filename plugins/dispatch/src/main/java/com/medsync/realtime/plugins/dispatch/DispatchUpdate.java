package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PayloadFields;

/**
 * A {@code dispatch:updated} payload that checked out against the contract:
 * {@code {dispatch: {id, orderId, status, provider, trackingUrl, otp, updatedAt}}}, every member present,
 * {@code trackingUrl} and {@code otp} strings or null, {@code status} one of {@link DispatchStatus}.
 */
record DispatchUpdate(String id, String orderId, DispatchStatus status, String provider, String trackingUrl,
        String otp) {

    /** @throws ContractViolation naming the first member that breaks the contract, such as {@code dispatch.status} */
    static DispatchUpdate parse(JsonNode data) throws ContractViolation {
        PayloadFields.object(data, "");
        JsonNode dispatch = PayloadFields.objectMember(data, "", "dispatch");
        String id = PayloadFields.id(dispatch, "dispatch", "id");
        String orderId = PayloadFields.id(dispatch, "dispatch", "orderId");
        String statusName = PayloadFields.text(dispatch, "dispatch", "status");
        DispatchStatus status = DispatchStatus.parse(statusName).orElseThrow(() -> new ContractViolation(
                "dispatch.status", "'dispatch.status' must be one of PENDING, ASSIGNED, PICKED_UP, IN_TRANSIT,"
                        + " ARRIVED, DELIVERED, FAILED, CANCELLED; got '" + statusName + "'"));
        String provider = PayloadFields.text(dispatch, "dispatch", "provider");
        String trackingUrl = PayloadFields.nullableText(dispatch, "dispatch", "trackingUrl");
        String otp = PayloadFields.nullableText(dispatch, "dispatch", "otp");
        PayloadFields.timestamp(dispatch, "dispatch", "updatedAt");
        return new DispatchUpdate(id, orderId, status, provider, trackingUrl, otp);
    }
}
