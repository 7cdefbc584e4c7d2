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

    /**
     * Answers with arguments of the handler's choosing, for events whose contract is not the platform's
     * {@code {ok}} shape.
     */
    void reply(java.util.List<com.fasterxml.jackson.databind.JsonNode> args);
}
