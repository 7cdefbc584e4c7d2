package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.plugin.PluginSettings;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The chat plugin's settings, {@code medsync.plugin-config.chat}. Durations are read by
 * {@link PluginSettings#duration}: {@code 500ms}, {@code 1s}, {@code 2m}, ... or a whole number of milliseconds.
 *
 * @param typingThrottle a repeated {@code isTyping: true} from one socket for one room within this interval of
 *                       the last one relayed is acknowledged but not relayed ({@code typing-throttle}, default
 *                       1s; 0 relays every one)
 * @param typingTimeout  a typing state neither refreshed nor cleared for this long is cleared for the others
 *                       ({@code typing-timeout}, default 5s; must be positive)
 */
record ChatSettings(Duration typingThrottle, Duration typingTimeout) {

    static final String PREFIX = "medsync.plugin-config.chat.";
    static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> KNOWN = Set.of("typing-throttle", "typing-timeout");
    /** A zero duration, which {@link PluginSettings#duration} refuses but a throttle may be. */
    private static final Pattern ZERO = Pattern.compile("\\s*0+\\s*(ms|s|m|h|d)\\s*");

    ChatSettings {
        if (typingThrottle.isNegative()) {
            throw new IllegalArgumentException("Invalid setting " + PREFIX + "typing-throttle: must not be negative");
        }
        if (typingTimeout.isNegative() || typingTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid setting " + PREFIX + "typing-timeout: must be positive");
        }
    }

    /**
     * @param config the plugin's configuration as the platform hands it over (an empty object when none)
     * @throws IllegalArgumentException naming the setting, for an unknown key (a misspelt setting would
     *                                  otherwise be ignored without a word) or a bad value
     */
    static ChatSettings from(JsonNode config) {
        if (!config.isObject()) {
            throw new IllegalArgumentException("Invalid setting medsync.plugin-config.chat: must be an object");
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown setting " + PREFIX + name
                        + " (known: typing-throttle, typing-timeout)");
            }
        }
        PluginSettings settings = new PluginSettings("chat", config);
        JsonNode throttle = config.path("typing-throttle");
        boolean noThrottle = throttle.isIntegralNumber() && throttle.bigIntegerValue().signum() == 0
                || throttle.isTextual() && ZERO.matcher(throttle.textValue()).matches();
        return new ChatSettings(
                noThrottle ? Duration.ZERO : settings.duration("typing-throttle", DEFAULT_THROTTLE),
                settings.duration("typing-timeout", DEFAULT_TIMEOUT));
    }
}
