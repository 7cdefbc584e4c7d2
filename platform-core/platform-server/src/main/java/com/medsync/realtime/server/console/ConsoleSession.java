package com.medsync.realtime.server.console;

/**
 * One operator logged into the console: the id its cookie carries, the CSRF token every changing request must
 * repeat in a header, and the operator's name as the audit log shows it.
 */
public record ConsoleSession(String id, String csrfToken, String operator) {

    @Override
    public String toString() {
        // Never the id or the token: a session printed in a log must not be usable.
        return "ConsoleSession[" + operator + "]";
    }
}
