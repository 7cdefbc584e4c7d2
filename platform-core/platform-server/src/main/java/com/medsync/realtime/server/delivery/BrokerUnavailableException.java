package com.medsync.realtime.server.delivery;

/** The broker cannot accept an event durably now (its backend is unreachable); the caller may retry later. */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BrokerUnavailableException(String message) {
        super(message);
    }
}
