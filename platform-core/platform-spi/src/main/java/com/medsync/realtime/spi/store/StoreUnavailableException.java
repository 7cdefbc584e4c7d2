package com.medsync.realtime.spi.store;

/**
 * The store cannot answer now (a shared store's server is unreachable or too slow). Callers on a request
 * path let it propagate: the platform answers such requests 503, and the caller may retry later.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
