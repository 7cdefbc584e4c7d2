package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.EventPublisher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a provider reports (by webhook or poll) into a canonical {@code dispatch:updated}, published
 * through the platform like any other event, but only when the dispatch's status changed: providers repeat
 * themselves (retried webhooks, every poll), and clients must see each change once.
 */
final class ProviderReports {

    private static final Logger log = LoggerFactory.getLogger(ProviderReports.class);

    /** What became of one report. */
    enum Outcome {
        /** A {@code dispatch:updated} went out. */
        EMITTED,
        /** The status is the one last emitted: nothing went out. */
        UNCHANGED,
        /** The dispatch already finished; a late or out-of-order report must not reopen it. */
        ALREADY_FINISHED,
        /** Neither the report nor anything published before says which order the dispatch delivers. */
        UNKNOWN_ORDER
    }

    private final DispatchBook book;
    private final EventPublisher publisher;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    ProviderReports(DispatchBook book, EventPublisher publisher, Clock clock) {
        this.book = book;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param providerId the reporting provider's id, which becomes the event's {@code provider}
     * @throws ContractViolation when the report does not make a valid {@code dispatch:updated} (a dispatch id
     *                           that is no room id, say)
     */
    Outcome accept(String providerId, DispatchReport report) throws ContractViolation {
        // Held across compare, publish and record, so two reports of one change (a webhook and a poll) on this
        // node cannot both pass the comparison.
        book.lock().lock();
        try {
            Optional<DispatchState> known = book.find(report.dispatchId());
            String orderId = report.orderId() != null ? report.orderId()
                    : known.map(DispatchState::orderId).orElse(null);
            if (orderId == null) {
                log.warn("Provider {} reported dispatch {}, whose order is unknown; publish a dispatch:updated with"
                        + " its orderId first. Ignored.", providerId, report.dispatchId());
                return Outcome.UNKNOWN_ORDER;
            }
            if (known.isPresent() && known.get().status() == report.status()) {
                rememberReference(providerId, report);
                return Outcome.UNCHANGED;
            }
            if (known.isPresent() && known.get().status().isTerminal()) {
                log.info("Provider {} reported {} for dispatch {}, which is already {}. Ignored.", providerId,
                        report.status(), report.dispatchId(), known.get().status());
                return Outcome.ALREADY_FINISHED;
            }
            // Keyed by the change, so that when two nodes see it at once (each polling, or a webhook on one and
            // a poll on the other), the shared idempotency key lets one of them emit it.
            String change = "dispatch-report:" + report.dispatchId() + ":"
                    + known.map(state -> state.status().name()).orElse("NEW") + "->" + report.status().name();
            boolean emitted = publisher.publish(DispatchUpdatedHandler.EVENT,
                    payload(providerId, orderId, report, known), Set.of(), Optional.of(change));
            rememberReference(providerId, report);
            return emitted ? Outcome.EMITTED : Outcome.UNCHANGED;
        } finally {
            book.lock().unlock();
        }
    }

    /** The canonical payload; a tracking URL or code the provider left out this time keeps its last value. */
    private ObjectNode payload(String providerId, String orderId, DispatchReport report,
            Optional<DispatchState> known) {
        ObjectNode data = mapper.createObjectNode();
        data.putObject("dispatch")
                .put("id", report.dispatchId())
                .put("orderId", orderId)
                .put("status", report.status().name())
                .put("provider", providerId)
                .put("trackingUrl", report.trackingUrl() != null ? report.trackingUrl()
                        : known.map(DispatchState::trackingUrl).orElse(null))
                .put("otp", report.otp() != null ? report.otp() : known.map(DispatchState::otp).orElse(null))
                .put("updatedAt", (report.updatedAt() != null ? report.updatedAt() : clock.instant()).toString());
        return data;
    }

    private void rememberReference(String providerId, DispatchReport report) {
        if (report.providerReference() == null) {
            return;
        }
        book.find(report.dispatchId())
                .filter(state -> state.provider().equals(providerId)
                        && !state.providerReference().equals(report.providerReference()))
                .ifPresent(state -> book.record(state.withProviderReference(report.providerReference())));
    }
}
