package com.medsync.realtime.plugins.dispatch.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a provider says about one dispatch.
 *
 * @param dispatchId        the dispatch's id (the {@code dispatch:{id}} room), required
 * @param orderId           the order it delivers, or null when the provider does not know it: the dispatch plugin
 *                          then uses the order it learned from the dispatch's earlier {@code dispatch:updated}
 * @param status            the canonical status, required
 * @param trackingUrl       a tracking page, or null (the last known one is kept)
 * @param otp               the hand-over code, or null (the last known one is kept)
 * @param updatedAt         when the provider saw the change, or null for now
 * @param providerReference the provider's own id for the dispatch (its job id), or null: it is passed back in
 *                          {@link TrackedDispatch#providerReference()}, which is the dispatch id until one is reported
 */
public record DispatchReport(String dispatchId, String orderId, DispatchStatus status, String trackingUrl,
        String otp, Instant updatedAt, String providerReference) {

    public DispatchReport {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(status, "status");
    }

    /** A report without a provider reference. */
    public DispatchReport(String dispatchId, String orderId, DispatchStatus status, String trackingUrl, String otp,
            Instant updatedAt) {
        this(dispatchId, orderId, status, trackingUrl, otp, updatedAt, null);
    }
}
