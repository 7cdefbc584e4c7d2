package com.medsync.realtime.plugins.kwik;

import java.util.Optional;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

/**
 * Starts the Kwik provider: reads and checks its settings (a missing one fails the plugin's start, and the
 * host shows it FAILED with the setting named), and readies the signature check and the API client that
 * {@link KwikDeliveryProvider} uses. The dispatch plugin does the rest: it routes
 * {@code POST /webhooks/dispatch/kwik} here and polls on its own schedule.
 */
@Extension
public final class KwikFeature implements MedsyncFeature {

    @Override
    public void start(FeatureContext context) {
        KwikSettings settings = KwikSettings.from(context.config());
        KwikRuntime.set(new KwikRuntime(new KwikSignature(settings.webhookSecret()),
                settings.polling() ? Optional.of(new KwikClient(KwikClient.newHttpClient(), settings)) : Optional.empty()));
    }

    @Override
    public void stop() {
        // Dropping the runtime drops the HTTP client; the JDK ends its selector thread once it is unreachable.
        KwikRuntime.clear();
    }
}
