package com.medsync.realtime.plugins.dispatch.api;

import java.util.Objects;

/**
 * A dispatch the dispatch plugin is following, as handed to {@link DeliveryProvider#poll(TrackedDispatch)}.
 *
 * @param dispatchId        the dispatch's id
 * @param orderId           the order it delivers
 * @param providerReference the provider's own id for it, as last reported; the dispatch id until one is
 * @param lastStatus        the status last emitted for it
 */
public record TrackedDispatch(String dispatchId, String orderId, String providerReference,
        DispatchStatus lastStatus) {

    public TrackedDispatch {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(lastStatus, "lastStatus");
    }
}
