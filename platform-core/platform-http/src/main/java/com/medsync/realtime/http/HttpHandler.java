package com.medsync.realtime.http;

/**
 * Answers one HTTP request.
 *
 * <p>Handlers run on the server's handler threads, so they may block (plugin operations, store calls); only a
 * handler routed with {@link Router#routeOnNetworkThread} runs on a network thread and must not. Throw
 * {@link HttpProblem} to answer a client error; any other exception is logged and answered {@code 500} without
 * details.
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Handles a request.
     *
     * @param request the request, with the path parameters of the matched route
     * @return the response; never {@code null}
     * @throws Exception anything; see the type description for how it is answered
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
