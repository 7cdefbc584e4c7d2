package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * The dispatch plugin's settings, under {@code medsync.plugin-config.dispatch}.
 *
 * @param dispatchTtl  {@code dispatch-ttl} (default {@code 30d}): how long a dispatch is remembered after its
 *                     last update, for its room policy, its status comparisons and polling
 * @param pollInterval {@code poll-interval} (default {@code 15s}): the pause between polling rounds
 */
record DispatchSettings(Duration dispatchTtl, Duration pollInterval) {

    private static final String PREFIX = "medsync.plugin-config.dispatch.";

    /** @throws IllegalArgumentException naming the setting when one is invalid */
    static DispatchSettings from(JsonNode config) {
        return new DispatchSettings(
                DurationSetting.read(config, "dispatch-ttl", PREFIX + "dispatch-ttl", Duration.ofDays(30)),
                DurationSetting.read(config, "poll-interval", PREFIX + "poll-interval", Duration.ofSeconds(15)));
    }
}
