package com.medsync.realtime.spi.socket;

/**
 * The answer to one client event, sent only when the client asked for one, and at most once: the first
 * call wins and later calls do nothing.
 */
public interface Acknowledgement {

    /** @return whether the client passed an acknowledgement callback */
    boolean requested();

    /** Answers {@code {ok: true}}. */
    void ok();

    /** Answers {@code {ok: false, error: {code, message}}}. */
    void error(AckError code, String message);
}
