package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (it can serve: the socket
 * port listens and the store answers). Unauthenticated, as load balancers and orchestrators expect. A node
 * that is not ready says why, per check, under {@code problems}.
 */
public final class HealthEndpoints {

    /** One readiness check. */
    @FunctionalInterface
    public interface Check {

        /** @return why the node is not ready, or empty when this check passes */
        Optional<String> problem();
    }

    private final Map<String, Check> readinessChecks;
    private volatile boolean shuttingDown;

    /** @param readinessChecks named checks that must all pass for readiness, in reporting order */
    public HealthEndpoints(Map<String, Check> readinessChecks) {
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
        Map<String, Object> body = readiness();
        return HttpResponse.json("UP".equals(body.get("status")) ? 200 : 503, body);
    }

    /**
     * @return what {@code /health/ready} answers: {@code status} UP or DOWN, each check's state and, when some
     *     fail, their {@code problems} (a cluster node also reports it to the others with its figures)
     */
    public Map<String, Object> readiness() {
        Map<String, Object> checks = new LinkedHashMap<>();
        Map<String, Object> problems = new LinkedHashMap<>();
        boolean ready = !shuttingDown;
        if (shuttingDown) {
            checks.put("shutdown", "in progress");
        }
        for (Map.Entry<String, Check> check : readinessChecks.entrySet()) {
            Optional<String> problem = problemOf(check.getValue());
            checks.put(check.getKey(), problem.isEmpty() ? "UP" : "DOWN");
            problem.ifPresent(reason -> problems.put(check.getKey(), reason));
            ready &= problem.isEmpty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", checks);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return body;
    }

    private static Optional<String> problemOf(Check check) {
        try {
            return check.problem();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
