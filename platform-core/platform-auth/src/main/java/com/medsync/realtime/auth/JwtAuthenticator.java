package com.medsync.realtime.auth;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.room.Room;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.InvalidClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Authenticator}: a JWT from the handshake, verified with the one key the operator
 * configured, with the algorithm pinned to that key (HS256 for a secret, RS256 for an RSA key, ES256 for an
 * EC P-256 key). Everything else, {@code alg: none} and JWE included, is refused.
 *
 * <p>The token is taken from the CONNECT {@code auth.token}, else the {@code token} query parameter, else an
 * {@code Authorization: Bearer} header. Required claims: {@code sub}, {@code exp} and {@code role}
 * ({@code patient|pharmacy|rider|admin}); optional: {@code pharmacyId} (a room id) and {@code rooms} (an array
 * of room names). Refusal reasons are short fixed strings ({@code "token expired"}); they never contain
 * anything from the token.
 *
 * <p>Thread-safe; build one per configuration and share it.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** Far above any real token; bounds the work an unauthenticated client can ask for. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final String BEARER = "bearer ";

    // jjwt's own JSON reader rejects duplicate members too; matching it means this peek and jjwt cannot
    // disagree about which alg a header names.
    private static final ObjectMapper HEADER_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String algorithm;
    private final JwtParser parser;

    /**
     * Builds the verifier; a public key file is read and checked here, once.
     *
     * @param settings the validated settings
     * @throws IllegalArgumentException naming the file when the public key cannot be read or is not an RSA
     *     (2048 bits or more) or EC P-256 public key in PEM {@code PUBLIC KEY} form
     */
    public JwtAuthenticator(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** For tests that need a fixed clock. */
    JwtAuthenticator(JwtSettings settings, Clock clock) {
        JwtParserBuilder builder = Jwts.parser()
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(settings.clockSkew().toSeconds());
        if (settings.secret().isPresent()) {
            SecretKey key = new SecretKeySpec(settings.secret().get().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            algorithm = Jwts.SIG.HS256.getId();
            builder.verifyWith(key).sig().clear().add(Jwts.SIG.HS256).and();
        } else {
            PublicKey key = PemPublicKeys.read(settings.publicKeyPem().orElseThrow());
            if (key instanceof RSAPublicKey) {
                algorithm = Jwts.SIG.RS256.getId();
                builder.sig().clear().add(Jwts.SIG.RS256).and();
            } else {
                algorithm = Jwts.SIG.ES256.getId();
                builder.sig().clear().add(Jwts.SIG.ES256).and();
            }
            builder.verifyWith(key);
        }
        settings.issuer().ifPresent(builder::requireIssuer);
        settings.audience().ifPresent(builder::requireAudience);
        // Unsecured JWS stays disabled: jjwt refuses alg none unless unsecured() is called, and it never is.
        parser = builder.build();
    }

    /** @return the only JWS algorithm this authenticator accepts: {@code HS256}, {@code RS256} or {@code ES256} */
    public String algorithm() {
        return algorithm;
    }

    @Override
    public Principal authenticate(Handshake handshake) throws AuthenticationException {
        try {
            return verify(token(handshake));
        } catch (AuthenticationException e) {
            LOG.debug("Authentication refused on namespace {}: {}", handshake.namespace(), e.reason());
            throw e;
        }
    }

    private static String token(Handshake handshake) throws AuthenticationException {
        Object fromAuth = handshake.auth().get("token");
        // A client with no session sends token: null (JSON has no undefined); that is "no token", not a bad one.
        if (fromAuth != null) {
            if (!(fromAuth instanceof String)) {
                throw new AuthenticationException("token must be a string");
            }
            String token = ((String) fromAuth).strip();
            if (!token.isEmpty()) {
                return token;
            }
        }
        Optional<String> fromQuery = handshake.queryParameter("token").map(String::strip).filter(t -> !t.isEmpty());
        if (fromQuery.isPresent()) {
            return fromQuery.get();
        }
        Optional<String> fromHeader = handshake.header("Authorization")
                .map(String::strip)
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).strip())
                .filter(t -> !t.isEmpty());
        if (fromHeader.isPresent()) {
            return fromHeader.get();
        }
        throw new AuthenticationException("token missing");
    }

    private Principal verify(String token) throws AuthenticationException {
        checkAlgorithm(token);
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (JwtException | IllegalArgumentException e) {
            // No cause attached: jjwt's messages quote header and claim values, and a logged stack trace of this
            // exception would carry them into the server's logs.
            throw new AuthenticationException(reasonFor(e));
        }
        return principal(claims);
    }

    /**
     * Reads {@code alg} before jjwt does. jjwt would refuse the same tokens (its algorithm set holds only the
     * pinned one), but it reports them through several exception types, some only distinguishable by message.
     */
    private void checkAlgorithm(String token) throws AuthenticationException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new AuthenticationException("malformed token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw new AuthenticationException("algorithm not allowed"); // a JWE: never accepted
        }
        if (parts.length != 3) {
            throw new AuthenticationException("malformed token");
        }
        JsonNode alg;
        try {
            JsonNode header = HEADER_READER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            alg = header != null && header.isObject() ? header.get("alg") : null;
        } catch (IllegalArgumentException | IOException e) {
            throw new AuthenticationException("malformed token");
        }
        if (alg == null || !alg.isTextual()) {
            throw new AuthenticationException("malformed token");
        }
        if (!algorithm.equals(alg.textValue())) {
            throw new AuthenticationException("algorithm not allowed");
        }
        if (parts[2].isEmpty()) {
            throw new AuthenticationException("invalid signature"); // a stripped signature
        }
    }

    private static String reasonFor(RuntimeException e) {
        if (e instanceof ExpiredJwtException) {
            return "token expired";
        }
        if (e instanceof PrematureJwtException) {
            return "token not yet valid";
        }
        if (e instanceof InvalidClaimException invalid) {
            // Missing and incorrect both land here; jjwt checks iss/aud only when they are configured.
            if (Claims.ISSUER.equals(invalid.getClaimName())) {
                return "invalid issuer";
            }
            if (Claims.AUDIENCE.equals(invalid.getClaimName())) {
                return "invalid audience";
            }
            return "malformed token";
        }
        if (e instanceof io.jsonwebtoken.security.SecurityException) {
            return "invalid signature"; // SignatureException, and key errors that only a bad signature can cause
        }
        return "malformed token"; // MalformedJwtException, UnsupportedJwtException (not a claims JWS), ...
    }

    private static Principal principal(Claims claims) throws AuthenticationException {
        Date expiration = claims.getExpiration();
        if (expiration == null) {
            throw new AuthenticationException("token has no expiry");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("token has no subject");
        }
        Object roleClaim = claims.get("role");
        Optional<Role> role = roleClaim instanceof String value ? Role.fromWireName(value) : Optional.empty();
        if (role.isEmpty()) {
            throw new AuthenticationException("invalid role");
        }
        Object pharmacyClaim = claims.get("pharmacyId");
        if (pharmacyClaim != null && !(pharmacyClaim instanceof String value && Room.isValidId(value))) {
            throw new AuthenticationException("invalid pharmacyId");
        }
        return new Principal(
                subject,
                role.get(),
                Optional.ofNullable((String) pharmacyClaim),
                rooms(claims.get("rooms")),
                expiration.toInstant(),
                frozen(claims));
    }

    private static Set<String> rooms(Object claim) throws AuthenticationException {
        if (claim == null) {
            return Set.of();
        }
        if (!(claim instanceof Collection<?> names)) {
            throw new AuthenticationException("invalid rooms claim");
        }
        Set<String> rooms = new LinkedHashSet<>();
        for (Object name : names) {
            if (!(name instanceof String room) || Room.parse(room).isEmpty()) {
                throw new AuthenticationException("invalid rooms claim");
            }
            rooms.add(room);
        }
        return rooms;
    }

    /** Principals reach plugins: nested claim values must not be a channel between them. */
    private static Map<String, Object> frozen(Map<String, ?> claims) {
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, frozenValue(value));
            }
        });
        return copy;
    }

    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, v == null ? null : frozenValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(v -> copy.add(v == null ? null : frozenValue(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @Override
    public String toString() {
        return "JwtAuthenticator[" + algorithm + "]";
    }
}
