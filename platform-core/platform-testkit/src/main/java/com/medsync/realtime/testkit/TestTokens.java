package com.medsync.realtime.testkit;

import com.medsync.realtime.auth.TokenIssuer;
import com.medsync.realtime.spi.auth.Role;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens a MedSync server configured with the same HS256 secret ({@code MEDSYNC_JWT_SECRET}) accepts, minted
 * with the platform's own {@link TokenIssuer}.
 *
 * <pre>{@code
 * TestTokens tokens = new TestTokens(secret);
 * String patient = tokens.patient("patient_1", "chat:room_1");
 * String staff = tokens.pharmacy("pharmacist_1", "pharmacy_9");
 * String stale = tokens.expired("patient_1");   // refused: "Authentication error: token expired"
 * }</pre>
 *
 * <p>Rooms are full room names ({@code chat:room_1}) for the token's {@code rooms} claim; the automatic rooms
 * ({@code user:<sub>}, {@code pharmacy:<pharmacyId>}) need no claim. Subjects are not checked here, so a test
 * can mint a token the server must refuse. Immutable and thread safe.
 */
public final class TestTokens {

    /** How long minted tokens are valid unless {@link #withTtl(Duration)} says otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final String secret;
    private final Duration ttl;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final TokenIssuer tokenIssuer;

    /**
     * @param secret the server's HS256 secret, at least 32 bytes in UTF-8
     * @throws IllegalArgumentException when the secret is too short for the platform
     */
    public TestTokens(String secret) {
        this(secret, DEFAULT_TTL, Optional.empty(), Optional.empty());
    }

    private TestTokens(String secret, Duration ttl, Optional<String> issuer, Optional<String> audience) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.ttl = ttl;
        this.issuer = issuer;
        this.audience = audience;
        TokenIssuer base = new TokenIssuer(secret);
        base = issuer.map(base::withIssuer).orElse(base);
        this.tokenIssuer = audience.map(base::withAudience).orElse(base);
    }

    /** @return tokens for a fresh random secret, to configure a server with ({@link #secret()}) */
    public static TestTokens withRandomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return new TestTokens(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** @return the HS256 secret, for the server under test */
    public String secret() {
        return secret;
    }

    /** @return tokens valid for {@code ttl} from the moment each is minted */
    public TestTokens withTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive; use expired() for an expired token");
        }
        return new TestTokens(secret, ttl, issuer, audience);
    }

    /** @return tokens that also carry {@code iss}, for a server that checks {@code medsync.auth.jwt.issuer} */
    public TestTokens withIssuer(String issuer) {
        return new TestTokens(secret, ttl, Optional.of(issuer), audience);
    }

    /** @return tokens that also carry {@code aud}, for a server that checks {@code medsync.auth.jwt.audience} */
    public TestTokens withAudience(String audience) {
        return new TestTokens(secret, ttl, issuer, Optional.of(audience));
    }

    /** @return a patient's token that may also join {@code rooms} */
    public String patient(String sub, String... rooms) {
        return tokenIssuer.issue(sub, Role.PATIENT, Optional.empty(), List.of(rooms), ttl);
    }

    /** @return a pharmacy staff member's token for {@code pharmacyId} that may also join {@code rooms} */
    public String pharmacy(String sub, String pharmacyId, String... rooms) {
        return tokenIssuer.issue(sub, Role.PHARMACY, Optional.of(pharmacyId), List.of(rooms), ttl);
    }

    /** @return a rider's token that may also join {@code rooms} */
    public String rider(String sub, String... rooms) {
        return tokenIssuer.issue(sub, Role.RIDER, Optional.empty(), List.of(rooms), ttl);
    }

    /** @return an admin's token */
    public String admin(String sub) {
        return tokenIssuer.issue(sub, Role.ADMIN, Optional.empty(), List.of(), ttl);
    }

    /**
     * @return a patient's token, correctly signed, that expired an hour ago: far beyond any clock skew a
     *     server tolerates
     */
    public String expired(String sub) {
        // TokenIssuer always stamps exp from its clock, so this one token is signed with jjwt directly, keyed
        // and shaped the way TokenIssuer does it.
        Instant expiry = Instant.now().minus(Duration.ofHours(1));
        var builder = Jwts.builder()
                .subject(Objects.requireNonNull(sub, "sub"))
                .claim("role", Role.PATIENT.wireName())
                .issuedAt(Date.from(expiry.minus(ttl)))
                .expiration(Date.from(expiry));
        issuer.ifPresent(iss -> builder.claim("iss", iss));
        audience.ifPresent(aud -> builder.claim("aud", List.of(aud)));
        return builder.signWith(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                Jwts.SIG.HS256).compact();
    }

    /** @return the platform's issuer behind these tokens, for claims the shortcuts do not cover */
    public TokenIssuer tokenIssuer() {
        return tokenIssuer;
    }
}
