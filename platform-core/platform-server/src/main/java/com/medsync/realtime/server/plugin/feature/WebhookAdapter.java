package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.http.HttpHandler;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.spi.plugin.WebhookHandler;
import com.medsync.realtime.spi.plugin.WebhookRequest;
import com.medsync.realtime.spi.plugin.WebhookResponse;

import java.util.Optional;

/** Serves a plugin's {@link WebhookHandler} on the HTTP API, in the plugin's class loader context. */
final class WebhookAdapter implements HttpHandler {

    private final WebhookHandler handler;
    private final ClassLoader loader;

    WebhookAdapter(WebhookHandler handler, ClassLoader loader) {
        this.handler = handler;
        this.loader = loader;
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        WebhookResponse response = PluginCalls.call(loader, () -> handler.handle(new Request(request)));
        if (response == null) {
            throw new IllegalStateException("webhook handler returned no response");
        }
        return response.body() == null ? HttpResponse.empty(response.status())
                : HttpResponse.json(response.status(), response.body());
    }

    private record Request(HttpRequest http) implements WebhookRequest {

        @Override
        public String method() {
            return http.method();
        }

        @Override
        public String path() {
            return http.path();
        }

        @Override
        public Optional<String> pathParam(String name) {
            return http.pathParam(name);
        }

        @Override
        public Optional<String> queryParam(String name) {
            return http.queryParam(name);
        }

        @Override
        public Optional<String> header(String name) {
            return http.header(name);
        }

        @Override
        public byte[] body() {
            return http.body();
        }
    }
}
