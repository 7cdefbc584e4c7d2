package com.medsync.realtime.http;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request and runs its handler, on the handler pool or (for a route added with
 * {@link Router#routeOnNetworkThread}) on the calling network thread, turning every outcome into a response.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final Executor handlers;

    Dispatcher(Router router, Executor handlers) {
        this.router = router;
        this.handlers = handlers;
    }

    /**
     * Answers {@code request} through {@code done}, exactly once: at once for routing errors and for handlers
     * that run on the network thread, later from a handler thread otherwise.
     */
    void dispatch(HttpRequest request, List<String> segments, Consumer<HttpResponse> done) {
        RouteMatch match = router.match(request.method(), segments);
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            done.accept(Problems.methodNotAllowed(request.method(), notAllowed.allowed()));
            return;
        }
        if (!(match instanceof RouteMatch.Found found)) {
            done.accept(Problems.notFound(request.method(), request.path()));
            return;
        }
        HttpRequest routed = request.withPathParams(found.params());
        Runnable run = () -> {
            HttpResponse response = Problems.internal();
            try {
                response = invoke(found.handler(), routed);
            } finally {
                // Even a fatal error gets an answer, so the connection is not left waiting.
                done.accept(response);
            }
        };
        if (found.onNetworkThread()) {
            run.run();
            return;
        }
        try {
            handlers.execute(run);
        } catch (RejectedExecutionException e) {
            LOG.warn("handler pool full or stopped; answering 503 to {} {}", request.method(), request.path());
            done.accept(Problems.unavailable());
        }
    }

    static HttpResponse invoke(HttpHandler handler, HttpRequest request) {
        try {
            HttpResponse response = handler.handle(request);
            if (response == null) {
                LOG.error("handler for {} {} returned no response", request.method(), request.path());
                return Problems.internal();
            }
            return response;
        } catch (HttpProblem problem) {
            LOG.debug("{} {} answered {} {}", request.method(), request.path(), problem.status(), problem.code());
            return problemResponse(problem, request);
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            // Logged in full here, answered without details: internals are not the client's business.
            LOG.error("handler for {} {} failed", request.method(), request.path(), e);
            return Problems.internal();
        }
    }

    private static HttpResponse problemResponse(HttpProblem problem, HttpRequest request) {
        try {
            return problem.toResponse();
        } catch (RuntimeException e) {
            LOG.error("problem {} from {} {} cannot be serialized", problem.code(), request.method(), request.path(),
                    e);
            return Problems.internal();
        }
    }
}
