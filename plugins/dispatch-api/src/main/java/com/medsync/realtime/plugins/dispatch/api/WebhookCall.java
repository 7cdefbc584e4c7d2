package com.medsync.realtime.plugins.dispatch.api;

import java.util.Map;
import java.util.Objects;

/**
 * One call to {@code POST /webhooks/dispatch/{provider}}, as the provider receives it.
 *
 * <p>Read headers by lower-case name ({@code headers().get("x-kwik-signature")}); lookups ignore case. The
 * platform looks headers and query parameters up by name only, so these maps answer {@code get} and
 * {@code containsKey} but may be empty when iterated.
 *
 * @param headers the request's headers, by lower-case name
 * @param query   the query parameters
 * @param body    the raw body, exactly as the provider signed it
 */
public record WebhookCall(Map<String, String> headers, Map<String, String> query, byte[] body) {

    public WebhookCall {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
    }
}
