package com.medsync.realtime.http;

import java.time.Duration;
import java.util.Set;

/** The errors the HTTP layer answers by itself, with the same JSON shape handlers' problems have. */
final class Problems {

    private static final HttpResponse INTERNAL =
            new HttpProblem(500, "INTERNAL", "internal error").toResponse();
    private static final HttpResponse UNAVAILABLE =
            new HttpProblem(503, "SERVICE_UNAVAILABLE", "server busy, retry later")
                    .withHeader("Retry-After", "1").toResponse();

    private Problems() {
    }

    static HttpResponse notFound(String method, String path) {
        return new HttpProblem(404, "NOT_FOUND", "no route for " + method + " " + path).toResponse();
    }

    static HttpResponse methodNotAllowed(String method, Set<String> allowed) {
        return new HttpProblem(405, "METHOD_NOT_ALLOWED", method + " is not allowed here")
                .withHeader("Allow", String.join(", ", allowed))
                .toResponse();
    }

    static HttpResponse payloadTooLarge(int maxBodyBytes) {
        return new HttpProblem(413, "PAYLOAD_TOO_LARGE", "body exceeds " + maxBodyBytes + " bytes").toResponse();
    }

    static HttpResponse internal() {
        return INTERNAL;
    }

    static HttpResponse unavailable() {
        return UNAVAILABLE;
    }

    static HttpResponse requestTimeout(Duration timeout) {
        return new HttpProblem(408, "REQUEST_TIMEOUT", "the request was not complete within "
                + timeout.toMillis() + " ms").toResponse();
    }

    static HttpResponse badTarget(String reason) {
        return HttpProblem.badRequest("malformed request target: " + reason).toResponse();
    }
}
