package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.plugin.PluginSettings;

import java.time.Duration;

/**
 * The dispatch plugin's settings, under {@code medsync.plugin-config.dispatch}.
 *
 * @param dispatchTtl  {@code dispatch-ttl} (default {@code 30d}): how long a dispatch is remembered after its
 *                     last update, for its room policy, its status comparisons and polling
 * @param pollInterval {@code poll-interval} (default {@code 15s}): the pause between polling rounds
 */
record DispatchSettings(Duration dispatchTtl, Duration pollInterval) {

    /** @throws IllegalArgumentException naming the setting when one is invalid */
    static DispatchSettings from(String pluginId, JsonNode config) {
        PluginSettings settings = new PluginSettings(pluginId, config);
        return new DispatchSettings(
                duration(settings, config, "dispatch-ttl", Duration.ofDays(30)),
                duration(settings, config, "poll-interval", Duration.ofSeconds(15)));
    }

    /** A bare number is refused, not read as milliseconds as {@link PluginSettings#duration} would: nobody means that. */
    private static Duration duration(PluginSettings settings, JsonNode config, String key, Duration fallback) {
        if (config.path(key).isNumber()) {
            throw new IllegalArgumentException(settings.name(key) + " must be a positive duration with a unit,"
                    + " such as 30d, 12h, 15m, 90s or 500ms, got " + config.get(key));
        }
        return settings.duration(key, fallback);
    }
}
