package com.medsync.realtime.spi.plugin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plugin's settings ({@link FeatureContext#config()}) with messages that name the full setting,
 * such as {@code medsync.plugin-config.chat.typing-timeout}. A plugin that throws these from
 * {@link MedsyncFeature#start} ends FAILED with that message.
 */
public final class PluginSettings {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,12})\\s*(ms|s|m|h|d)\\s*");

    private final String pluginId;
    private final JsonNode config;

    public PluginSettings(FeatureContext context) {
        this(context.pluginId(), context.config());
    }

    public PluginSettings(String pluginId, JsonNode config) {
        this.pluginId = pluginId;
        this.config = config;
    }

    /**
     * @return a duration setting: a string such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
     *     {@code 30d}, or a number of milliseconds; {@code fallback} when absent
     * @throws IllegalArgumentException naming the setting when the value is not a positive duration
     */
    public Duration duration(String key, Duration fallback) {
        JsonNode value = config.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.longValue() > 0) {
            return Duration.ofMillis(value.longValue());
        }
        Matcher matcher = value.isTextual() ? DURATION.matcher(value.textValue()) : null;
        if (matcher == null || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException(name(key) + " must be a positive duration such as 500ms, 5s, 2m, 1h"
                    + " or 30d, got " + value);
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

    /** @return a string setting, or empty when absent */
    public Optional<String> text(String key) {
        JsonNode value = config.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name(key) + " must be a string, got " + value);
        }
        return Optional.of(value.textValue());
    }

    /** @throws IllegalArgumentException naming the setting when it is absent or blank */
    public String requiredText(String key) {
        return text(key).filter(text -> !text.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(name(key) + " is required"));
    }

    /** @return the full name of a setting, as an operator writes it */
    public String name(String key) {
        return "medsync.plugin-config." + pluginId + "." + key;
    }
}
