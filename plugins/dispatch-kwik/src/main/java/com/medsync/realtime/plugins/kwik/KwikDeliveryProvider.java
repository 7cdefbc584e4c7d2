package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.TrackedDispatch;
import com.medsync.realtime.plugins.dispatch.api.WebhookCall;
import com.medsync.realtime.plugins.dispatch.api.WebhookRejected;

import org.pf4j.Extension;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Kwik as a delivery provider, id {@code kwik}.
 *
 * <p><b>Webhook</b> ({@code POST /webhooks/dispatch/kwik}): header {@code X-Kwik-Signature} = lower-case hex
 * HMAC-SHA256 of the raw body with {@code webhook-secret}; body
 * {@code {"job_id": "...", "unique_order_id": "<dispatch id>", "job_status": 4, "tracking_link": "...", "otp": "..."}}
 * ({@code job_status} a number or numeric string; {@code job_id}, {@code tracking_link}, {@code otp} optional).
 * A missing or wrong signature is answered 401, an unreadable body 400.
 *
 * <p><b>Polling</b>: {@code GET {base-url}/getJobStatus?unique_order_id=<dispatch id>&access_token=<token>}, the
 * token from {@code POST {base-url}/vendor_login}. Status codes map as {@link KwikStatus} documents.
 */
@Extension
public final class KwikDeliveryProvider implements DeliveryProvider {

    static final String ID = "kwik";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<DispatchReport> onWebhook(WebhookCall call) throws WebhookRejected {
        KwikRuntime runtime = runtime();
        if (!runtime.signature().matches(call.body(), call.headers().get(KwikSignature.HEADER))) {
            throw new WebhookRejected(401, "missing or invalid X-Kwik-Signature");
        }
        JsonNode body;
        try {
            body = new ObjectMapper().readTree(call.body());
        } catch (IOException e) {
            throw new WebhookRejected(400, "the body is not JSON");
        }
        try {
            return List.of(KwikJob.read(body, null).toReport());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected(400, e.getMessage());
        }
    }

    @Override
    public boolean polls() {
        return KwikRuntime.current().flatMap(KwikRuntime::client).isPresent();
    }

    @Override
    public Optional<DispatchReport> poll(TrackedDispatch dispatch) throws Exception {
        KwikClient client = runtime().client().orElseThrow(() -> new IllegalStateException(
                "Kwik's API is not configured (" + KwikSettings.PREFIX + "base-url, email, password)"));
        return Optional.of(client.jobStatus(dispatch.dispatchId()).toReport());
    }

    private static KwikRuntime runtime() {
        // Only reachable while the plugin runs; between stop and the host forgetting this instance, refuse.
        return KwikRuntime.current().orElseThrow(() -> new IllegalStateException("the Kwik plugin is not started"));
    }
}
