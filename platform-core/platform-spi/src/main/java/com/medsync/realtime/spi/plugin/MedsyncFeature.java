package com.medsync.realtime.spi.plugin;

import org.pf4j.ExtensionPoint;

/**
 * What a plugin brings to the platform. A plugin declares one (or more) with pf4j's {@code @Extension};
 * the host starts each when the plugin starts and stops it when the plugin stops.
 *
 * <p>Everything a feature adds (event handlers, owned events, room policies, namespaces, webhook routes,
 * scheduled tasks) goes through the {@link FeatureContext} and is removed by the platform when the plugin
 * stops, so a stopped plugin leaves nothing behind that could pin its class loader. Keep no static state.
 *
 * <pre>{@code
 * @Extension
 * public final class PingFeature implements MedsyncFeature {
 *     public void start(FeatureContext context) {
 *         context.handleClientEvent("ping", event -> event.ack().ok());
 *     }
 * }
 * }</pre>
 */
public interface MedsyncFeature extends ExtensionPoint {

    /**
     * Registers what this feature provides. A thrown exception fails the plugin's start, and whatever it
     * registered so far is removed again.
     */
    void start(FeatureContext context) throws Exception;

    /**
     * Called after the platform removed the feature's registrations and cancelled its tasks: release
     * anything else (an HTTP client, a file). Must not block for long.
     */
    default void stop() {
    }
}
