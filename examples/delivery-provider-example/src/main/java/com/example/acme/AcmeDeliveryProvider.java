package com.example.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.plugins.dispatch.api.WebhookCall;
import com.medsync.realtime.plugins.dispatch.api.WebhookRejected;

import org.pf4j.Extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Acme Couriers' status callbacks, turned into MedSync dispatch updates. Acme calls
 * {@code POST /webhooks/dispatch/acme} with {@code X-Acme-Token} and
 * {@code {"delivery": "<dispatch id>", "order": "<order id>", "state": "on_the_way", "tracking": "https://..."}}.
 */
@Extension
public final class AcmeDeliveryProvider implements DeliveryProvider {

    /** Acme's shared token; a real provider reads it from its configuration. */
    static final String TOKEN = "acme-shared-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, DispatchStatus> STATES = Map.of(
            "created", DispatchStatus.PENDING,
            "courier_assigned", DispatchStatus.ASSIGNED,
            "picked_up", DispatchStatus.PICKED_UP,
            "on_the_way", DispatchStatus.IN_TRANSIT,
            "at_door", DispatchStatus.ARRIVED,
            "delivered", DispatchStatus.DELIVERED,
            "failed", DispatchStatus.FAILED,
            "cancelled", DispatchStatus.CANCELLED);

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public List<DispatchReport> onWebhook(WebhookCall call) throws WebhookRejected {
        String token = call.headers().getOrDefault("x-acme-token", "");
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), TOKEN.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejected(401, "bad X-Acme-Token");
        }
        JsonNode body;
        try {
            body = JSON.readTree(call.body());
        } catch (IOException e) {
            throw new WebhookRejected(400, "body is not JSON");
        }
        DispatchStatus status = STATES.get(body.path("state").asText());
        if (status == null || !body.path("delivery").isTextual() || !body.path("order").isTextual()) {
            throw new WebhookRejected(400, "needs delivery, order and a known state");
        }
        String tracking = body.path("tracking").isTextual() ? body.path("tracking").asText() : null;
        return List.of(new DispatchReport(body.path("delivery").asText(), body.path("order").asText(), status,
                tracking, null, Instant.now()));
    }
}
