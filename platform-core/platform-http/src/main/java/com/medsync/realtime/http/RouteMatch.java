package com.medsync.realtime.http;

import java.util.Map;
import java.util.Set;

/** What the {@link Router} found for a method and path. */
sealed interface RouteMatch {

    /** A route answers this method and path; its handler runs on the network thread or a handler thread. */
    record Found(HttpHandler handler, Map<String, String> params, boolean onNetworkThread) implements RouteMatch {
    }

    /** No route has this path. */
    record NotFound() implements RouteMatch {
    }

    /** Routes have this path, but none for this method; {@code allowed} feeds the {@code Allow} header. */
    record MethodNotAllowed(Set<String> allowed) implements RouteMatch {
    }
}
