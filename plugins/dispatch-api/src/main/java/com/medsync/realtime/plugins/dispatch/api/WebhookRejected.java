package com.medsync.realtime.plugins.dispatch.api;

/**
 * A provider refuses a webhook call: the caller gets this status and message, and nothing is emitted.
 * Use 401 when the call cannot be authenticated (bad or missing signature) and 400 when its payload cannot
 * be read.
 */
public class WebhookRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status answered, 400 to 499
     * @param message why, for the provider's operators (never secrets)
     */
    public WebhookRejected(int status, String message) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejected webhook is answered 4xx, not " + status);
        }
        this.status = status;
    }

    /** @return the HTTP status answered */
    public int status() {
        return status;
    }
}
