package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;

import java.util.Objects;

/**
 * What the dispatch plugin remembers about one dispatch: enough to route its room policy, to tell a new
 * status from a repeated one, and to poll its provider.
 *
 * @param dispatchId        the dispatch's id
 * @param orderId           the order it delivers
 * @param provider          the provider id of its last {@code dispatch:updated}
 * @param providerReference the provider's own id for it (the dispatch id until the provider reports one)
 * @param status            the status of its last {@code dispatch:updated}
 * @param trackingUrl       the last tracking URL, or null
 * @param otp               the last hand-over code, or null
 */
record DispatchState(String dispatchId, String orderId, String provider, String providerReference,
        DispatchStatus status, String trackingUrl, String otp) {

    DispatchState {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(status, "status");
    }

    DispatchState withProviderReference(String reference) {
        return new DispatchState(dispatchId, orderId, provider, reference, status, trackingUrl, otp);
    }
}
