package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.dispatch.api.DeliveryProvider;
import com.medsync.realtime.spi.plugin.FeatureContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the delivery providers of started plugins. Looked up on every use and never kept, so that a provider
 * plugin stopped at run time is gone at once and its class loader can be collected.
 */
final class ProviderLookup {

    private static final Logger log = LoggerFactory.getLogger(ProviderLookup.class);

    private final FeatureContext context;

    ProviderLookup(FeatureContext context) {
        this.context = context;
    }

    /** @return the started provider with this id; the first one when several claim it */
    Optional<DeliveryProvider> find(String providerId) {
        return all().stream().filter(provider -> providerId.equals(safeId(provider))).findFirst();
    }

    /** @return the started providers that want their dispatches polled */
    List<DeliveryProvider> pollers() {
        List<DeliveryProvider> pollers = new ArrayList<>();
        for (DeliveryProvider provider : all()) {
            try {
                if (provider.polls()) {
                    pollers.add(provider);
                }
            } catch (RuntimeException | LinkageError e) {
                log.error("Delivery provider {} failed to say whether it polls", provider.getClass().getName(), e);
            }
        }
        return pollers;
    }

    private List<DeliveryProvider> all() {
        return context.extensions(DeliveryProvider.class);
    }

    /** @return the provider's id, or null when it cannot give one (one broken provider must not hide the rest) */
    static String safeId(DeliveryProvider provider) {
        try {
            return provider.id();
        } catch (RuntimeException | LinkageError e) {
            log.error("Delivery provider {} failed to give its id", provider.getClass().getName(), e);
            return null;
        }
    }
}
