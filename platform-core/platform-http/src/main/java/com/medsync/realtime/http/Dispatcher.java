package com.medsync.realtime.http;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request and runs its handler, on the handler pool or (for a route added with
 * {@link Router#routeOnNetworkThread}) on the calling network thread, turning every outcome into a response.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** A network-thread handler this slow held up the other connections of its thread noticeably. */
    static final long SLOW_ON_NETWORK_THREAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long SLOW_WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Router router;
    private final Executor handlers;
    // One warning a minute at most: a handler that blocks on every request would otherwise flood the log.
    private final AtomicLong lastSlowWarningNanos = new AtomicLong(System.nanoTime() - SLOW_WARNING_INTERVAL_NANOS);

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
            long start = System.nanoTime();
            run.run();
            long took = System.nanoTime() - start;
            if (took >= SLOW_ON_NETWORK_THREAD_NANOS) {
                warnSlow(request, took);
            }
            return;
        }
        try {
            handlers.execute(run);
        } catch (RejectedExecutionException e) {
            LOG.warn("handler pool full or stopped; answering 503 to {} {}", request.method(), request.path());
            done.accept(Problems.unavailable());
        }
    }

    private void warnSlow(HttpRequest request, long tookNanos) {
        long last = lastSlowWarningNanos.get();
        long now = System.nanoTime();
        if (now - last >= SLOW_WARNING_INTERVAL_NANOS && lastSlowWarningNanos.compareAndSet(last, now)) {
            LOG.warn("{} {} took {} ms on a network thread, where the other requests of its connections waited: "
                    + "its handler, and whatever it calls, must not block (at most one such warning a minute)",
                    request.method(), request.path(), TimeUnit.NANOSECONDS.toMillis(tookNanos));
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
