package com.medsync.realtime.server.console;

import com.medsync.realtime.http.HttpHandler;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpResponse;

/**
 * The headers every {@code /console} response carries, errors included. The policy allows scripts, styles,
 * images and requests from this origin only, and no inline script or style at all, so text that reached the
 * page from the API can never run even if it were inserted as markup; the page cannot be framed (clickjacking);
 * browsers must not guess content types; no URL of the console leaks to other sites as a referrer.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** @return {@code handler}, whose answers (problems too) carry the console's security headers */
    static HttpHandler on(HttpHandler handler) {
        return request -> {
            HttpResponse response;
            try {
                response = handler.handle(request);
            } catch (HttpProblem problem) {
                response = problem.toResponse();
            }
            return applyTo(response);
        };
    }

    static HttpResponse applyTo(HttpResponse response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin");
    }
}
