package com.medsync.realtime.it.plugins;

import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.TrackedDispatch;
import com.medsync.realtime.plugins.dispatch.api.WebhookCall;

import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Test plugin "counting-poller", a dispatch provider that polls and never reports: each poll appends the id of
 * this copy of the plugin (one per node, each in its own class loader) to the system property
 * {@code counting-poller.<dispatchId>}, so a test sees how many nodes polled.
 */
@Extension
public final class CountingPollingProvider implements DeliveryProvider {

    private static final String COPY = UUID.randomUUID().toString();

    @Override
    public String id() {
        return "counting-poller";
    }

    @Override
    public List<DispatchReport> onWebhook(WebhookCall call) {
        return List.of();
    }

    @Override
    public boolean polls() {
        return true;
    }

    @Override
    public Optional<DispatchReport> poll(TrackedDispatch dispatch) {
        String polls = "counting-poller." + dispatch.dispatchId();
        synchronized (System.getProperties()) {
            System.setProperty(polls, System.getProperty(polls, "") + COPY + ";");
        }
        return Optional.empty();
    }
}
