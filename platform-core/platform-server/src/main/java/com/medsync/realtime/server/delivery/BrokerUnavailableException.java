package com.medsync.realtime.server.delivery;

/** The broker cannot accept an event durably right now (a shared broker lost its backend). */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BrokerUnavailableException(String message) {
        super(message);
    }
}
