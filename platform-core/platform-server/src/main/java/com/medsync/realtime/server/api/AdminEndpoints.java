package com.medsync.realtime.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.console.ConsoleAccess;
import com.medsync.realtime.server.plugin.admin.Phase;
import com.medsync.realtime.server.plugin.admin.PluginAdministration;
import com.medsync.realtime.server.plugin.host.PluginOperationException;
import com.medsync.realtime.server.plugin.host.PluginView;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin API ({@code /admin/...}, bearer admin token or an operator console session): plugins, phases and
 * stats, and the operator console's calls ({@link ConsoleEndpoints}) behind the same authorization. Every change is
 * audited; a refused change answers 404 (unknown plugin or phase) or 409 (cannot be done now) with why. A phase
 * applied answers 200 once this node applied it, with {@code cluster.complete} false when some node did not
 * follow: the change is made and stays (nodes keep converging), so it is not an error to retry.
 */
public final class AdminEndpoints {

    private final PluginAdministration plugins;
    private final Supplier<Map<String, Object>> stats;
    private final AuditLog audit;
    private final ConsoleEndpoints console;
    private final AdminAuthentication authentication;

    /** @param consoleAccess present when the operator console is on: its sessions may call the admin API too */
    public AdminEndpoints(PluginAdministration plugins, Supplier<Map<String, Object>> stats, String adminToken,
            AuditLog audit, ConsoleEndpoints console, Optional<ConsoleAccess> consoleAccess) {
        this.plugins = plugins;
        this.stats = stats;
        this.audit = audit;
        this.console = console;
        this.authentication = new AdminAuthentication(adminToken, consoleAccess);
    }

    public void routeOn(Router router) {
        router.route("GET", "/admin/plugins", authorized(request -> HttpResponse.json(200, plugins.plugins())))
                .route("POST", "/admin/plugins", authorized(this::load))
                .route("DELETE", "/admin/plugins/{id}", change("unload", plugins::unload))
                .route("POST", "/admin/plugins/{id}/start", change("start", plugins::start))
                .route("POST", "/admin/plugins/{id}/stop", change("stop", plugins::stop))
                .route("POST", "/admin/plugins/{id}/enable", change("enable", plugins::enable))
                .route("POST", "/admin/plugins/{id}/disable", change("disable", plugins::disable))
                .route("POST", "/admin/plugins/{id}/reload", change("reload", plugins::reload))
                .route("GET", "/admin/phases", authorized(request -> HttpResponse.json(200, phases())))
                .route("POST", "/admin/phases/{name}/apply", authorized(this::applyPhase))
                .route("GET", "/admin/stats", authorized(request -> HttpResponse.json(200, stats.get())));
        console.routeOn(router, this::authorized, audit);
    }

    private HttpResponse load(HttpRequest request) {
        JsonNode path = request.bodyAsJson().path("path");
        if (!path.isTextual() || path.asText().isBlank()) {
            throw HttpProblem.badRequest("body must be {\"path\": \"<jar file in the plugins directory>\"}");
        }
        return audited(request, "load", path.asText(), () -> HttpResponse.json(200, plugins.load(path.asText())));
    }

    private HttpResponse applyPhase(HttpRequest request) {
        String name = request.pathParam("name").orElseThrow();
        return audited(request, "apply-phase", name, () -> {
            PluginAdministration.PhaseApplied applied = plugins.apply(name);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("current", applied.current().orElse(null));
            body.put("plugins", applied.plugins());
            body.put("cluster", applied.cluster());
            return HttpResponse.json(200, body);
        });
    }

    private Map<String, Object> phases() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current", plugins.currentPhase().orElse(null));
        body.put("phases", plugins.phases().stream().map(AdminEndpoints::describe).toList());
        return body;
    }

    private static Map<String, Object> describe(Phase phase) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", phase.name());
        body.put("description", phase.description());
        body.put("plugins", phase.plugins());
        return body;
    }

    private com.medsync.realtime.http.HttpHandler change(String action, Function<String, PluginView> operation) {
        return authorized(request -> {
            String id = request.pathParam("id").orElseThrow();
            return audited(request, action, id, () -> HttpResponse.json(200, operation.apply(id)));
        });
    }

    private com.medsync.realtime.http.HttpHandler authorized(com.medsync.realtime.http.HttpHandler handler) {
        return request -> handler.handle(authentication.authenticate(request));
    }

    private HttpResponse audited(HttpRequest request, String action, String target,
            Supplier<HttpResponse> operation) {
        try {
            HttpResponse response = operation.get();
            audit.record(request, action, target, "ok");
            return response;
        } catch (PluginOperationException e) {
            audit.record(request, action, target, "refused: " + e.getMessage());
            throw problem(e);
        } catch (RuntimeException e) {
            audit.record(request, action, target, "failed: " + e);
            throw e;
        }
    }

    /** @return the answer to a refused plugin or phase operation: 404 for an unknown one, else 409 with why */
    static HttpProblem problem(PluginOperationException e) {
        String code = e.kind() == PluginOperationException.Kind.NOT_FOUND ? "NOT_FOUND" : "CONFLICT";
        return new HttpProblem(e.kind().status(), code, e.getMessage());
    }
}
