package com.medsync.realtime.server.socket;

/** The error codes a client-event acknowledgement can carry. */
public enum AckError {
    /** The principal may not do this (a refused join). */
    FORBIDDEN,
    /** A room name outside the room grammar. */
    INVALID_ROOM,
    /** A payload of the wrong shape, or an event nobody handles. */
    BAD_REQUEST,
    /** The handler of the event failed; nothing about the request was wrong. */
    INTERNAL
}
