package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.metrics.PlatformMetrics;

/** The routes of the HTTP API port, in one place so the whole surface can be read at a glance. */
public final class ApiRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ApiRoutes() {
    }

    /**
     * @param publishNeverBlocks the publish path does no I/O (one node: the store and the broker are in memory),
     *                           so publishing runs on the network thread the request came in on, without two
     *                           thread hand-offs per request; with Redis it runs on a handler thread
     */
    public static Router build(HealthEndpoints health, PlatformMetrics metrics, PublishEndpoint publish,
            boolean publishNeverBlocks) {
        Router router = new Router()
                .route("GET", "/health/live", health::live)
                .route("GET", "/health/ready", health::ready)
                .route("GET", "/metrics", request -> HttpResponse.text(200, PROMETHEUS_TEXT, metrics.scrape()));
        return publishNeverBlocks
                ? router.routeOnNetworkThread("POST", "/api/v1/events", publish::handle)
                : router.route("POST", "/api/v1/events", publish::handle);
    }
}
