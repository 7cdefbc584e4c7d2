package com.medsync.realtime.plugins.kwik;

/** Kwik's API answered with an error, or something that could not be read. */
final class KwikApiException extends Exception {

    private static final long serialVersionUID = 1L;

    KwikApiException(String message) {
        super(message);
    }
}
