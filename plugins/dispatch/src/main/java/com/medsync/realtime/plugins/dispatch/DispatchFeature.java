package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.orders.api.OrderDirectory;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

import java.time.Clock;

/**
 * The dispatch feature: owns {@code dispatch:updated}, adds the dispatch-room policy, serves
 * {@code POST /webhooks/dispatch/{provider}} and polls the providers that want it, from one node of a cluster
 * at a time. Everything is registered
 * through the context, so the platform removes it all when the plugin stops.
 */
@Extension
public final class DispatchFeature implements MedsyncFeature {

    /** The name of the polling task, and so of its lease: {@code dispatch/provider-poller}. */
    static final String POLLER = "provider-poller";

    @Override
    public void start(FeatureContext context) {
        DispatchSettings settings = DispatchSettings.from(context.pluginId(), context.config());
        Clock clock = Clock.systemUTC();
        DispatchBook book = new DispatchBook(context.store(), settings.dispatchTtl());
        OrderLookup orders = new OrderLookup(() -> context.extensions(OrderDirectory.class));
        ProviderLookup providers = new ProviderLookup(context);
        ProviderReports reports = new ProviderReports(book, context.publisher(), clock);

        context.ownEvent(new DispatchUpdatedHandler(book, orders));
        context.addRoomPolicy(new DispatchRoomPolicy(book, orders));
        context.addWebhook("POST", "dispatch/{provider}", new ProviderWebhook(providers, reports));
        // One node of the cluster polls: every node polling would multiply the providers' load.
        context.scheduler().scheduleOncePerCluster(POLLER,
                new DispatchPoller(book, providers, reports, new Backoff(settings.pollInterval()), clock),
                settings.pollInterval(), settings.pollInterval());
    }
}
