package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.server.console.AuditHistory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per admin change on the {@code medsync.audit} logger: who (the operator the CLI names, or
 * {@code console:<operator>} for a console session, and the address the request came from), what, and how it
 * ended. Operators route that logger to their audit store.
 * The same entry goes into the node's {@link AuditHistory}, which {@code GET /admin/audit} shows.
 */
public final class AuditLog {

    private static final Logger audit = LoggerFactory.getLogger("medsync.audit");
    static final String OPERATOR_HEADER = "X-Medsync-Operator";

    private final AuditHistory trail;

    public AuditLog(AuditHistory trail) {
        this.trail = trail;
    }

    void record(HttpRequest request, String action, String target, String result) {
        String operator = request.header(OPERATOR_HEADER)
                // ':' stays for console sessions, named console:<operator> (AdminAuthentication keeps it out of
                // the names the CLI sends).
                .map(name -> name.replaceAll("[^A-Za-z0-9_.@:-]", "_"))
                .map(name -> name.length() > 64 ? name.substring(0, 64) : name)
                .orElse("unnamed");
        audit.info("who={}@{} action={} target={} result={}", operator, request.remoteAddress(), action, target,
                result);
        trail.record(operator, request.remoteAddress(), action, target, result);
    }
}
