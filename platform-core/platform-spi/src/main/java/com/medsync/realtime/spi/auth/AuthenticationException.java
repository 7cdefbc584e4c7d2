package com.medsync.realtime.spi.auth;

/**
 * A refused connection. The reason is shown to the client, so it must be short and must not leak secrets
 * ("token expired", "invalid signature").
 */
public class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public AuthenticationException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public AuthenticationException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** @return the short reason shown to the client after {@code Authentication error: } */
    public String reason() {
        return reason;
    }
}
