package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.WebhookCall;
import com.medsync.realtime.plugins.dispatch.api.WebhookRejected;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.plugin.WebhookHandler;
import com.medsync.realtime.spi.plugin.WebhookRequest;
import com.medsync.realtime.spi.plugin.WebhookResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/dispatch/{provider}}: hands the call to the started provider with that id, which
 * verifies and reads it, and publishes a {@code dispatch:updated} for each reported status change.
 *
 * <p>Answers: 202 {@code {"accepted": n, "emitted": m}} ({@code n} reports taken, {@code m} of them changed a
 * status and went out); 404 when no started provider has that id; the provider's own 4xx when it rejects the
 * call (401 bad signature, 400 unreadable payload); 400 when a report does not make a valid
 * {@code dispatch:updated}.
 */
final class ProviderWebhook implements WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(ProviderWebhook.class);

    private final ProviderLookup providers;
    private final ProviderReports reports;

    ProviderWebhook(ProviderLookup providers, ProviderReports reports) {
        this.providers = providers;
        this.reports = reports;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        String providerId = request.pathParam("provider").orElse("");
        Optional<DeliveryProvider> provider = providers.find(providerId);
        if (provider.isEmpty()) {
            return WebhookResponse.error(404, "UNKNOWN_PROVIDER", "no started delivery provider '" + providerId + "'");
        }
        WebhookCall call = new WebhookCall(new WebhookLookupMap(request::header, true),
                new WebhookLookupMap(request::queryParam, false), request.body());
        List<DispatchReport> taken;
        try {
            taken = provider.get().onWebhook(call);
        } catch (WebhookRejected e) {
            return WebhookResponse.error(e.status(), errorCode(e.status()), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            log.error("Delivery provider {} failed on a webhook call", providerId, e);
            return WebhookResponse.error(500, "INTERNAL", "the provider '" + providerId + "' failed on this call");
        }
        int emitted = 0;
        for (DispatchReport report : taken == null ? List.<DispatchReport>of() : taken) {
            try {
                if (reports.accept(providerId, report) == ProviderReports.Outcome.EMITTED) {
                    emitted++;
                }
            } catch (ContractViolation e) {
                return WebhookResponse.error(400, "BAD_REQUEST", "report for dispatch '" + report.dispatchId()
                        + "' is not a valid dispatch:updated: " + e.field() + ": " + e.getMessage());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", taken == null ? 0 : taken.size());
        body.put("emitted", emitted);
        return new WebhookResponse(202, body);
    }

    /** @return the platform-style error code for a provider's 4xx */
    private static String errorCode(int status) {
        return switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            default -> "BAD_REQUEST";
        };
    }
}
