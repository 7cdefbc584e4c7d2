package com.medsync.realtime.plugins.dispatch;

import java.util.AbstractMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A read-only map over the platform's by-name lookup of a webhook request's headers or query parameters.
 * {@code WebhookRequest} can look a header up but not list them, so this map answers {@code get} and
 * {@code containsKey} and iterates as empty; {@link com.medsync.realtime.plugins.dispatch.api.WebhookCall}
 * documents that.
 */
final class WebhookLookupMap extends AbstractMap<String, String> {

    private final Function<String, Optional<String>> lookup;
    private final boolean lowerCaseKeys;

    /**
     * @param lookup        the platform's lookup
     * @param lowerCaseKeys whether names are folded to lower case first (headers: names ignore case)
     */
    WebhookLookupMap(Function<String, Optional<String>> lookup, boolean lowerCaseKeys) {
        this.lookup = lookup;
        this.lowerCaseKeys = lowerCaseKeys;
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        return lookup.apply(lowerCaseKeys ? name.toLowerCase(Locale.ROOT) : name).orElse(null);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Set.of();
    }
}
