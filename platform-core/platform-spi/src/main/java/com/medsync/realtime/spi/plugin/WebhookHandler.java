package com.medsync.realtime.spi.plugin;

/** Handles one webhook route of a plugin; runs on the HTTP API's worker threads. */
@FunctionalInterface
public interface WebhookHandler {

    WebhookResponse handle(WebhookRequest request) throws Exception;
}
