package com.medsync.realtime.server.api;

import com.medsync.realtime.http.BearerAuth;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.server.console.ConsoleAccess;

import java.util.Optional;

/**
 * Who may call the admin API: the holder of the admin token ({@code medsync-admin}, scripts), or an operator
 * console session, whose changing requests must also carry the session's CSRF token. The bearer token decides
 * whenever an {@code Authorization} header is sent; a session cookie counts only without one.
 */
final class AdminAuthentication {

    private static final String CONSOLE_PREFIX = "console:";

    private final String adminToken;
    private final Optional<ConsoleAccess> console;

    /** @param console present when the operator console is on */
    AdminAuthentication(String adminToken, Optional<ConsoleAccess> console) {
        this.adminToken = adminToken;
        this.console = console;
    }

    /**
     * @return the request as the handlers see it: for a console session, with {@code X-Medsync-Operator} set to
     *     {@code console:<operator>} by the server (whatever the request sent there), which the audit log names;
     *     for the bearer token, with the operator it names, any {@code :} in it replaced (so no CLI operator
     *     passes for a console session)
     * @throws com.medsync.realtime.http.HttpProblem 401 without a valid token or live session; 403 for a
     *     changing console request without its CSRF token
     */
    HttpRequest authenticate(HttpRequest request) {
        boolean bearer = request.header("Authorization").isPresent();
        if (!bearer && console.isPresent() && console.get().presentsSession(request)) {
            String operator = console.get().require(request).operator();
            return request.withHeader(AuditLog.OPERATOR_HEADER, CONSOLE_PREFIX + operator);
        }
        BearerAuth.require(request, adminToken);
        // A ':' in the audit's operator always means a console session: the CLI's names keep it out, as before.
        return request.header(AuditLog.OPERATOR_HEADER)
                .filter(operator -> operator.indexOf(':') >= 0)
                .map(operator -> request.withHeader(AuditLog.OPERATOR_HEADER, operator.replace(':', '_')))
                .orElse(request);
    }
}
