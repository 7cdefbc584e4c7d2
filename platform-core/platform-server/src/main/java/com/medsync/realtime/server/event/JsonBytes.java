package com.medsync.realtime.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A JSON value already written as UTF-8, exactly as Jackson writes its tree. Whoever sends it on copies these
 * bytes instead of writing the tree again.
 *
 * <p>Shared by every part of the server that sees the event, from many threads: nothing may change the array.
 */
public record JsonBytes(byte[] utf8) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return a new tree parsed from the bytes (a replay, or an encoder that needs a tree) */
    public JsonNode tree() {
        try {
            return JSON.readTree(utf8);
        } catch (IOException e) {
            // The bytes were written from a tree, or read from a stream entry that parsed: a bug, not bad input.
            throw new UncheckedIOException("Written JSON did not parse", e);
        }
    }
}
