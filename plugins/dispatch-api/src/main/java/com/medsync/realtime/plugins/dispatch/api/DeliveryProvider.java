package com.medsync.realtime.plugins.dispatch.api;

import org.pf4j.ExtensionPoint;

import java.util.List;
import java.util.Optional;

/**
 * A delivery provider (a courier service) as the dispatch plugin drives it. Its status callbacks arrive at
 * {@code POST /webhooks/dispatch/{id}}; a provider that also offers a status API can be polled.
 *
 * <p>Instances are created by pf4j, possibly anew for every use: keep no state in fields. Anything a provider
 * needs (its configuration, an HTTP client) belongs to a {@code MedsyncFeature} of the same plugin, which
 * receives the plugin's configuration when it starts.
 */
public interface DeliveryProvider extends ExtensionPoint {

    /** @return the provider's id, the {@code provider} of its {@code dispatch:updated} events and the webhook path segment */
    String id();

    /**
     * Verifies and reads one status callback.
     *
     * @return the dispatches it reports on (usually one); the dispatch plugin emits those whose status changed
     * @throws WebhookRejected 401 when the call cannot be authenticated, 400 when its payload cannot be read
     */
    List<DispatchReport> onWebhook(WebhookCall call) throws WebhookRejected;

    /** @return whether the dispatch plugin should call {@link #poll(TrackedDispatch)} for this provider's dispatches */
    default boolean polls() {
        return false;
    }

    /**
     * Asks the provider for the current state of one dispatch that is not finished yet. Called on the dispatch
     * plugin's schedule ({@code medsync.plugin-config.dispatch.poll-interval}); a thrown exception makes it retry
     * that dispatch later, backing off up to 5 minutes.
     *
     * @return the dispatch's state, or empty when the provider has nothing to say
     */
    default Optional<DispatchReport> poll(TrackedDispatch dispatch) throws Exception {
        return Optional.empty();
    }
}
