package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.TrackedDispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One polling round, run on the plugin's scheduler every {@code poll-interval}: asks each polling provider
 * about each of its dispatches still in progress (from the store's index), and publishes what changed.
 * A dispatch whose poll fails waits longer and longer ({@link Backoff}); the others are not held up by it.
 */
final class DispatchPoller implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DispatchPoller.class);

    private final DispatchBook book;
    private final ProviderLookup providers;
    private final ProviderReports reports;
    private final Backoff backoff;
    private final Clock clock;

    DispatchPoller(DispatchBook book, ProviderLookup providers, ProviderReports reports, Backoff backoff,
            Clock clock) {
        this.book = book;
        this.providers = providers;
        this.reports = reports;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void run() {
        List<DeliveryProvider> pollers = providers.pollers();
        if (pollers.isEmpty()) {
            return;
        }
        for (String dispatchId : book.trackedIds()) {
            if (Thread.currentThread().isInterrupted()) {
                // The plugin is stopping: its tasks are cancelled with an interrupt.
                return;
            }
            Optional<DispatchState> state = book.find(dispatchId);
            if (state.isEmpty() || state.get().status().isTerminal()) {
                // Expired from the store, or finished by an event published elsewhere.
                book.untrack(dispatchId);
                backoff.forget(dispatchId);
                continue;
            }
            pollers.stream()
                    .filter(provider -> state.get().provider().equals(ProviderLookup.safeId(provider)))
                    .findFirst()
                    .ifPresent(provider -> poll(provider, state.get()));
        }
    }

    private void poll(DeliveryProvider provider, DispatchState state) {
        Instant now = clock.instant();
        if (!backoff.isDue(state.dispatchId(), now)) {
            return;
        }
        try {
            Optional<DispatchReport> report = provider.poll(new TrackedDispatch(state.dispatchId(), state.orderId(),
                    state.providerReference(), state.status()));
            backoff.succeeded(state.dispatchId());
            if (report == null || report.isEmpty()) {
                return;
            }
            if (!report.get().dispatchId().equals(state.dispatchId())) {
                log.warn("Provider {} answered a poll of dispatch {} about dispatch {}. Ignored.", state.provider(),
                        state.dispatchId(), report.get().dispatchId());
                return;
            }
            reports.accept(state.provider(), report.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            Duration wait = backoff.failed(state.dispatchId(), now);
            log.warn("Polling provider {} for dispatch {} failed ({}); next try in {}", state.provider(),
                    state.dispatchId(), e.toString(), wait);
        }
    }
}
