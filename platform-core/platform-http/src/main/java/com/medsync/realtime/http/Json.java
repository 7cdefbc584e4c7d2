package com.medsync.realtime.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper the HTTP layer reads and writes bodies with.
 *
 * <p>Shared so that handlers build responses exactly as the layer serializes them. Treat it as read-only:
 * reconfiguring it would change every response of every route; use {@code mapper().copy()} to customise.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    // "{} trailing garbage" is not a JSON document; a lenient parse would silently accept half a request.
    private static final ObjectReader STRICT_TREE_READER =
            MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * Returns the shared mapper.
     *
     * @return the mapper used for request and response bodies
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static ObjectReader strictTreeReader() {
        return STRICT_TREE_READER;
    }
}
