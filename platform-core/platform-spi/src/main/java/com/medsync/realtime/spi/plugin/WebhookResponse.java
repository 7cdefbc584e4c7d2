package com.medsync.realtime.spi.plugin;

import java.util.Map;

/**
 * The answer to a webhook call.
 *
 * @param status the HTTP status
 * @param body   a JSON-serializable body (a Map, a Jackson tree, a record), or null for none
 */
public record WebhookResponse(int status, Object body) {

    public static WebhookResponse ok(Object body) {
        return new WebhookResponse(200, body);
    }

    public static WebhookResponse accepted() {
        return new WebhookResponse(202, Map.of("accepted", true));
    }

    /** An error in the platform's shape: {@code {"error": {"code", "message"}}}. */
    public static WebhookResponse error(int status, String code, String message) {
        return new WebhookResponse(status, Map.of("error", Map.of("code", code, "message", message)));
    }
}
