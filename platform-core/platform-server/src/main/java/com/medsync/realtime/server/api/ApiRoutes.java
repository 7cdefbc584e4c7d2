package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.metrics.PlatformMetrics;

/** The routes of the HTTP API port, in one place so the whole surface can be read at a glance. */
public final class ApiRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ApiRoutes() {
    }

    public static Router build(HealthEndpoints health, PlatformMetrics metrics, PublishEndpoint publish) {
        return new Router()
                .route("GET", "/health/live", health::live)
                .route("GET", "/health/ready", health::ready)
                .route("GET", "/metrics", request -> HttpResponse.text(200, PROMETHEUS_TEXT, metrics.scrape()))
                .route("POST", "/api/v1/events", publish::handle);
    }
}
