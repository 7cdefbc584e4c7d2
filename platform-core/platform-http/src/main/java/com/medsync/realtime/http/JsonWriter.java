package com.medsync.realtime.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a JSON body token by token ({@link HttpResponse#json(int, JsonWriter)}): for an answer on a hot path,
 * where building a map for Jackson to walk costs more than writing the answer.
 */
@FunctionalInterface
public interface JsonWriter {

    /**
     * @param json where to write exactly one JSON value
     * @throws IOException as {@link JsonGenerator}'s methods declare; writing to memory does not fail
     */
    void writeTo(JsonGenerator json) throws IOException;
}
