package com.medsync.realtime.plugins.kwik;

import java.util.Optional;

/**
 * What the running {@link KwikFeature} lends {@link KwikDeliveryProvider}, which pf4j creates itself (anew
 * for each lookup) and which therefore cannot receive it through a constructor.
 *
 * <p>The field is static, but this class belongs to this plugin's class loader, so it is visible to this plugin
 * only; the feature sets it on start and clears it on stop, so nothing outlives the plugin.
 *
 * @param signature checks webhook signatures
 * @param client    calls Kwik's API, when it is configured (else the provider takes webhooks only)
 */
record KwikRuntime(KwikSignature signature, Optional<KwikClient> client) {

    private static volatile KwikRuntime current;

    static void set(KwikRuntime runtime) {
        current = runtime;
    }

    static void clear() {
        current = null;
    }

    /** @return the running feature's runtime, or empty while the plugin is not started */
    static Optional<KwikRuntime> current() {
        return Optional.ofNullable(current);
    }
}
