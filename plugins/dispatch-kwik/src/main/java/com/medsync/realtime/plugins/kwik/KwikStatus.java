package com.medsync.realtime.plugins.kwik;

import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;

import java.util.Optional;

/**
 * Kwik's task status codes ({@code job_status}) and the canonical status each one becomes.
 *
 * <table>
 *   <caption>Kwik job_status to canonical dispatch status</caption>
 *   <tr><th>code</th><th>Kwik</th><th>canonical</th><th>why</th></tr>
 *   <tr><td>0</td><td>UPCOMING</td><td>PENDING</td><td>scheduled; no rider has committed to it yet</td></tr>
 *   <tr><td>6</td><td>UNASSIGNED</td><td>PENDING</td><td>waiting for a rider</td></tr>
 *   <tr><td>7</td><td>ACCEPTED</td><td>ASSIGNED</td><td>a rider accepted the task</td></tr>
 *   <tr><td>8</td><td>DECLINE</td><td>PENDING</td><td>the rider declined; Kwik looks for another, the delivery has
 *       not failed</td></tr>
 *   <tr><td>1</td><td>STARTED</td><td>IN_TRANSIT</td><td>the rider started the task and is moving; see below</td></tr>
 *   <tr><td>4</td><td>ARRIVED</td><td>ARRIVED</td><td>the rider is at the destination</td></tr>
 *   <tr><td>2</td><td>ENDED</td><td>DELIVERED</td><td>the task completed successfully</td></tr>
 *   <tr><td>3</td><td>FAILED</td><td>FAILED</td><td>the rider could not complete it</td></tr>
 *   <tr><td>9</td><td>CANCEL</td><td>CANCELLED</td><td>cancelled by the merchant or Kwik</td></tr>
 *   <tr><td>10</td><td>DELETED</td><td>CANCELLED</td><td>the task no longer exists, so it will not be delivered</td></tr>
 * </table>
 *
 * <p><b>STARTED is IN_TRANSIT, not PICKED_UP.</b> Kwik reports one status per job ({@code unique_order_id}),
 * not separate pickup and delivery legs, and STARTED only says the rider set off on the task. Whether the parcel
 * is already on board is not known from that code, so PICKED_UP would claim more than Kwik said; IN_TRANSIT
 * ("a rider is on the way") is true either way and is what the patient cares about. PICKED_UP is therefore
 * never produced by this provider. Codes not in the table (5, or new ones) are refused rather than guessed.
 */
enum KwikStatus {
    UPCOMING(0, DispatchStatus.PENDING),
    STARTED(1, DispatchStatus.IN_TRANSIT),
    ENDED(2, DispatchStatus.DELIVERED),
    FAILED(3, DispatchStatus.FAILED),
    ARRIVED(4, DispatchStatus.ARRIVED),
    UNASSIGNED(6, DispatchStatus.PENDING),
    ACCEPTED(7, DispatchStatus.ASSIGNED),
    DECLINE(8, DispatchStatus.PENDING),
    CANCEL(9, DispatchStatus.CANCELLED),
    DELETED(10, DispatchStatus.CANCELLED);

    private final int code;
    private final DispatchStatus canonical;

    KwikStatus(int code, DispatchStatus canonical) {
        this.code = code;
        this.canonical = canonical;
    }

    /** @return Kwik's numeric code */
    int code() {
        return code;
    }

    /** @return the canonical dispatch status this code means */
    DispatchStatus canonical() {
        return canonical;
    }

    /** @return the status with this code, or empty for a code Kwik has not documented */
    static Optional<KwikStatus> ofCode(int code) {
        for (KwikStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
