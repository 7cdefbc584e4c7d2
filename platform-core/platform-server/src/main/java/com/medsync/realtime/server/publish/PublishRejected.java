package com.medsync.realtime.server.publish;

import java.util.Map;

/**
 * A publish request refused as a whole, before anything was emitted.
 *
 * @see PublishService
 */
public final class PublishRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused, each with the HTTP status the publish API answers. */
    public enum Reason {
        MALFORMED(400),
        UNKNOWN_EVENT(404),
        CONTRACT_VIOLATION(422),
        NO_ROOMS(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final transient Map<String, Object> details;

    PublishRejected(Reason reason, String message, Map<String, Object> details) {
        super(message);
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public Reason reason() {
        return reason;
    }

    /** @return what locates the problem, such as {@code field} and {@code index} */
    public Map<String, Object> details() {
        return details;
    }
}
