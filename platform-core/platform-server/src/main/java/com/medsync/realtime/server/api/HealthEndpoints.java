package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (it can serve: the socket
 * port listens and the store answers). Unauthenticated, as load balancers and orchestrators expect.
 */
public final class HealthEndpoints {

    private final Map<String, BooleanSupplier> readinessChecks;
    private volatile boolean shuttingDown;

    /** @param readinessChecks named checks that must all pass for readiness, in reporting order */
    public HealthEndpoints(Map<String, BooleanSupplier> readinessChecks) {
        this.readinessChecks = new LinkedHashMap<>(readinessChecks);
    }

    /** From now on the node reports not ready, so load balancers drain it before it stops. */
    public void markShuttingDown() {
        shuttingDown = true;
    }

    public HttpResponse live(HttpRequest request) {
        return HttpResponse.json(200, Map.of("status", "UP"));
    }

    public HttpResponse ready(HttpRequest request) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ready = !shuttingDown;
        if (shuttingDown) {
            checks.put("shutdown", "in progress");
        }
        for (Map.Entry<String, BooleanSupplier> check : readinessChecks.entrySet()) {
            boolean ok = passes(check.getValue());
            checks.put(check.getKey(), ok ? "UP" : "DOWN");
            ready &= ok;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", checks);
        return HttpResponse.json(ready ? 200 : 503, body);
    }

    private static boolean passes(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
