package com.medsync.realtime.spi.socket;

/** The error codes of a client-event acknowledgement: {@code {ok: false, error: {code, message}}}. */
public enum AckError {
    /** The principal may not do this (a refused join, typing in a room it is not in). */
    FORBIDDEN,
    /** A room name outside the room grammar. */
    INVALID_ROOM,
    /** A payload of the wrong shape or size, or an event nobody handles. */
    BAD_REQUEST,
    /** The client sends more than it may; the event was dropped. */
    RATE_LIMITED,
    /** The handler failed; nothing about the request was wrong. */
    INTERNAL
}
