package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations from plugin settings. The platform hands plugin settings over as JSON, so a HOCON
 * duration such as {@code 500ms} arrives as the string the operator wrote; a bare number means milliseconds,
 * as it does in HOCON.
 */
final class Durations {

    private static final Pattern DURATION = Pattern.compile(
            "(\\d{1,12})\\s*(ms|millis|milliseconds?|s|seconds?|m|minutes?)?");

    private Durations() {
    }

    /**
     * @param value   a whole number of milliseconds, or a string such as {@code 500ms}, {@code 1s},
     *                {@code 2 seconds}, {@code 1m}
     * @param setting the setting's full name, for the error message
     * @throws IllegalArgumentException when the value is not a duration
     */
    static Duration parse(JsonNode value, String setting) {
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return Duration.ofMillis(value.longValue());
        }
        if (value.isTextual()) {
            Matcher matcher = DURATION.matcher(value.textValue().trim().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
                if (unit.equals("s") || unit.startsWith("second")) {
                    return Duration.ofSeconds(amount);
                }
                if (unit.equals("m") || unit.startsWith("minute")) {
                    return Duration.ofMinutes(amount);
                }
                return Duration.ofMillis(amount);
            }
        }
        throw new IllegalArgumentException("Invalid setting " + setting + ": must be a duration such as 500ms, 1s or"
                + " 2m, or a whole number of milliseconds; got " + value);
    }
}
