package com.medsync.realtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against a configured secret.
 *
 * <p>Fails closed: a {@code null} or empty expected token matches nothing, so an unconfigured key can never be
 * satisfied by an empty header.
 */
public final class BearerAuth {

    private static final String SCHEME = "Bearer";

    private enum Outcome { OK, MISSING, NOT_BEARER, WRONG }

    private BearerAuth() {
    }

    /**
     * @param request       the request
     * @param expectedToken the configured token
     * @return whether the request carries exactly that bearer token
     */
    public static boolean matches(HttpRequest request, String expectedToken) {
        return check(request, expectedToken) == Outcome.OK;
    }

    /**
     * Throws unless the request carries the expected bearer token.
     *
     * @param request       the request
     * @param expectedToken the configured token
     * @throws HttpProblem 401 {@code UNAUTHORIZED} with {@code WWW-Authenticate: Bearer}; the message says whether
     *                     the header was missing or the token wrong, and never repeats the token
     */
    public static void require(HttpRequest request, String expectedToken) {
        String message = switch (check(request, expectedToken)) {
            case OK -> null;
            case MISSING -> "missing bearer token: send Authorization: Bearer <token>";
            case NOT_BEARER -> "the Authorization header must use the Bearer scheme";
            case WRONG -> "invalid bearer token";
        };
        if (message != null) {
            throw HttpProblem.unauthorized(message).withHeader("WWW-Authenticate", SCHEME);
        }
    }

    private static Outcome check(HttpRequest request, String expectedToken) {
        Optional<String> header = request.header("Authorization").map(String::trim);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Outcome.MISSING;
        }
        String value = header.get();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (value.length() > SCHEME.length() && value.charAt(SCHEME.length()) != ' ')) {
            return Outcome.NOT_BEARER;
        }
        String token = value.substring(SCHEME.length()).trim();
        if (token.isEmpty()) {
            return Outcome.MISSING;
        }
        if (expectedToken == null || expectedToken.isEmpty()) {
            return Outcome.WRONG;
        }
        // The presented token goes first: isEqual's running time follows the first argument's length, so only
        // the attacker's own length is observable, never the secret's content or length.
        boolean equal = MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expectedToken.getBytes(StandardCharsets.UTF_8));
        return equal ? Outcome.OK : Outcome.WRONG;
    }
}
