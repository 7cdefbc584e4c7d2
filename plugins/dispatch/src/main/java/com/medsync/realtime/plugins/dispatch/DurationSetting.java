package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration setting from the plugin's configuration: a string such as {@code 30d}, {@code 12h},
 * {@code 15m}, {@code 90s} or {@code 500ms}. Bare numbers are refused, because HOCON reads them as
 * milliseconds and people rarely mean that.
 */
final class DurationSetting {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,12})\\s*(ms|s|m|h|d)\\s*");

    private DurationSetting() {
    }

    /**
     * @param config       the plugin's configuration object
     * @param key          the member name, such as {@code order-ttl}
     * @param fullName     the full setting name, for messages
     * @param defaultValue used when the member is absent
     * @throws IllegalArgumentException when the value is not a positive duration, naming the setting
     */
    static Duration read(JsonNode config, String key, String fullName, Duration defaultValue) {
        JsonNode value = config.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        Duration parsed = value.isTextual() ? parse(value.textValue()) : null;
        if (parsed == null || parsed.isZero()) {
            throw new IllegalArgumentException("Invalid setting " + fullName + ": must be a positive duration"
                    + " such as 30d, 12h, 15m, 90s or 500ms, got " + value);
        }
        return parsed;
    }

    /** @return the duration a text names, or null when it names none */
    static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
