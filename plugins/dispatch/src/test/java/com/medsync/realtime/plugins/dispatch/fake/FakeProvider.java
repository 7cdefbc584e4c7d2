package com.medsync.realtime.plugins.dispatch.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.plugins.dispatch.api.WebhookCall;
import com.medsync.realtime.plugins.dispatch.api.WebhookRejected;

import org.pf4j.Extension;

import java.io.IOException;
import java.util.List;

/**
 * A webhook-only provider for the tests, id {@code fake}: the call must carry {@code X-Fake-Signature: ok};
 * the body is {@code {"dispatchId", "status", "trackingUrl"?}}.
 */
@Extension
public final class FakeProvider implements DeliveryProvider {

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public List<DispatchReport> onWebhook(WebhookCall call) throws WebhookRejected {
        if (!"ok".equals(call.headers().get("x-fake-signature"))) {
            throw new WebhookRejected(401, "bad signature");
        }
        try {
            JsonNode body = new ObjectMapper().readTree(call.body());
            return List.of(new DispatchReport(body.path("dispatchId").asText(), null,
                    DispatchStatus.valueOf(body.path("status").asText()), body.path("trackingUrl").textValue(),
                    null, null));
        } catch (IOException | IllegalArgumentException e) {
            throw new WebhookRejected(400, "unreadable body");
        }
    }
}
