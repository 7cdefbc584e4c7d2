package com.medsync.realtime.spi.plugin;

import java.util.Optional;

/** An HTTP request to a plugin's webhook route. */
public interface WebhookRequest {

    String method();

    String path();

    Optional<String> pathParam(String name);

    Optional<String> queryParam(String name);

    /** @return a header, by case-insensitive name */
    Optional<String> header(String name);

    /** @return the raw body, as signed by the sender */
    byte[] body();
}
