package com.medsync.realtime.server.console;

import com.medsync.realtime.http.HttpRequest;

import java.util.Optional;

/**
 * The cookie that carries a console session's id. {@code HttpOnly}: page scripts cannot read it, so an injected
 * script cannot carry it away. {@code SameSite=Strict}: a browser never sends it with a request another site
 * starts. {@code Path=/}: the admin API under {@code /admin/} gets it too. No {@code Max-Age}: it dies with the
 * browser, and the server ends idle sessions itself. {@code Secure} when the console is reached over HTTPS.
 */
final class SessionCookie {

    static final String NAME = "medsync_console";

    private SessionCookie() {
    }

    /** @return the session id the request's {@code Cookie} header carries, if any */
    static Optional<String> read(HttpRequest request) {
        return request.header("Cookie").flatMap(SessionCookie::valueIn);
    }

    private static Optional<String> valueIn(String cookieHeader) {
        for (String pair : cookieHeader.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(NAME)) {
                String value = pair.substring(equals + 1).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** @return the {@code Set-Cookie} value that hands a session id to the browser */
    static String issue(String sessionId, boolean secure) {
        return NAME + "=" + sessionId + attributes(secure);
    }

    /** @return the {@code Set-Cookie} value that makes the browser forget the session cookie */
    static String clear(boolean secure) {
        return NAME + "=; Max-Age=0" + attributes(secure);
    }

    private static String attributes(boolean secure) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
