package com.medsync.realtime.plugins.dispatch.api;

import java.util.Optional;

/** The canonical statuses of a dispatch, as {@code dispatch:updated} carries them. */
public enum DispatchStatus {
    /** Created, waiting for a rider. */
    PENDING,
    /** A rider has accepted it. */
    ASSIGNED,
    /** The rider has the parcel. */
    PICKED_UP,
    /** On the way to the patient. */
    IN_TRANSIT,
    /** The rider is at the patient's address. */
    ARRIVED,
    /** Handed over. Final. */
    DELIVERED,
    /** The provider gave up. Final. */
    FAILED,
    /** Called off. Final. */
    CANCELLED;

    /** @return whether nothing more happens to a dispatch in this status (it is no longer polled) */
    public boolean isTerminal() {
        return this == DELIVERED || this == FAILED || this == CANCELLED;
    }

    /** @return the status with exactly this name, or empty */
    public static Optional<DispatchStatus> parse(String name) {
        for (DispatchStatus status : values()) {
            if (status.name().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
