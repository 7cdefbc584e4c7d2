package com.medsync.realtime.plugins.dispatch.fake;

import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.plugins.dispatch.api.TrackedDispatch;
import com.medsync.realtime.plugins.dispatch.api.WebhookCall;

import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * A polling provider for the tests, id {@code fake-poller}. The plugin runs in its own class loader, so the
 * test steers it through system properties (the one thing both sides share): {@code fake-poller.<dispatchId>}
 * holds the status to report, {@code ERROR} to fail; the number of polls is counted in
 * {@code fake-poller.<dispatchId>.polls}.
 */
@Extension
public final class FakePollingProvider implements DeliveryProvider {

    @Override
    public String id() {
        return "fake-poller";
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
        String counter = "fake-poller." + dispatch.dispatchId() + ".polls";
        synchronized (System.getProperties()) {
            System.setProperty(counter, String.valueOf(Integer.getInteger(counter, 0) + 1));
        }
        String status = System.getProperty("fake-poller." + dispatch.dispatchId());
        if (status == null) {
            return Optional.empty();
        }
        if (status.equals("ERROR")) {
            throw new IllegalStateException("provider down");
        }
        return Optional.of(new DispatchReport(dispatch.dispatchId(), null, DispatchStatus.valueOf(status),
                "https://track.example/" + dispatch.dispatchId(), "4321", null));
    }
}
