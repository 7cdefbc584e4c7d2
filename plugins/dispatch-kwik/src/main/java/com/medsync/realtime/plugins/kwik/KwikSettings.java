package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/**
 * The plugin's settings, under {@code medsync.plugin-config.dispatch-kwik}. The webhook secret is required;
 * the API settings are all or nothing: without them the provider takes webhooks only and does not poll.
 *
 * @param baseUrl       {@code base-url}: Kwik's API root, such as {@code https://api.kwik.delivery}
 * @param email         {@code email}: the merchant account's login
 * @param password      {@code password}: its password
 * @param webhookSecret {@code webhook-secret}: the secret Kwik signs its callbacks with
 */
record KwikSettings(URI baseUrl, String email, String password, String webhookSecret) {

    static final String PREFIX = "medsync.plugin-config.dispatch-kwik.";

    /** @throws IllegalArgumentException naming the first missing or invalid setting */
    static KwikSettings from(JsonNode config) {
        String webhookSecret = required(config, "webhook-secret", "the shared secret Kwik signs its webhooks with");
        if (absent(config, "base-url") && absent(config, "email") && absent(config, "password")) {
            return new KwikSettings(null, null, null, webhookSecret);
        }
        String base = required(config, "base-url", "Kwik's API root URL, such as https://api.kwik.delivery");
        URI baseUrl;
        try {
            baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            baseUrl = null;
        }
        if (baseUrl == null || baseUrl.getHost() == null
                || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("Invalid setting " + PREFIX + "base-url: must be an http(s) URL, got '"
                    + base + "'");
        }
        return new KwikSettings(baseUrl,
                required(config, "email", "the Kwik merchant account's email"),
                required(config, "password", "the Kwik merchant account's password"),
                webhookSecret);
    }

    /** @return whether Kwik's API is configured, so that dispatches can be polled */
    boolean polling() {
        return baseUrl != null;
    }

    private static boolean absent(JsonNode config, String key) {
        JsonNode value = config.get(key);
        return value == null || value.isNull() || value.isTextual() && value.textValue().isBlank();
    }

    private static String required(JsonNode config, String key, String meaning) {
        JsonNode value = config.get(key);
        if (value == null || value.isNull() || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("Missing setting " + PREFIX + key + " (" + meaning + ")");
        }
        return value.textValue();
    }

    @Override
    public String toString() {
        // Never print the password or the secret, whoever logs this.
        return "KwikSettings[baseUrl=" + baseUrl + ", email=" + email + "]";
    }
}
