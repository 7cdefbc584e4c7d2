package com.medsync.realtime.server.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console logins and logouts on the {@code medsync.audit} logger, in the admin API's format, and in the node's
 * {@link AuditHistory} ({@code GET /admin/audit}), so the audit shows who opened a session before the changes that
 * session made ({@code who=console:<operator>@<address>}).
 */
final class LoginAudit {

    private static final Logger audit = LoggerFactory.getLogger("medsync.audit");

    private final AuditHistory trail;

    LoginAudit(AuditHistory trail) {
        this.trail = trail;
    }

    void record(String operator, String address, String action, String result) {
        audit.info("who=console:{}@{} action={} target=console result={}", operator, address, action, result);
        trail.record("console:" + operator, address, action, "console", result);
    }
}
