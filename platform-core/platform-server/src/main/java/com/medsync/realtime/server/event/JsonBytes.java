package com.medsync.realtime.server.event;

/**
 * A JSON value already written as UTF-8, exactly as Jackson writes its tree. Whoever sends it on copies these
 * bytes instead of writing the tree again.
 *
 * <p>Shared by every part of the server that sees the event, from many threads: nothing may change the array.
 */
public record JsonBytes(byte[] utf8) {
}
