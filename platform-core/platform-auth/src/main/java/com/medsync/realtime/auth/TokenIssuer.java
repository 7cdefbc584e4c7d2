package com.medsync.realtime.auth;

import com.medsync.realtime.spi.auth.Role;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 tokens that a {@link JwtAuthenticator} configured with the same secret accepts: the ready-to-use
 * tokens dev mode prints, and the tokens of tests. Production tokens come from the MedSync backend, not from
 * here.
 *
 * <p>Immutable; {@link #withIssuer(String)} and {@link #withAudience(String)} return adjusted copies.
 */
public final class TokenIssuer {

    private final SecretKey key;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Clock clock;

    /**
     * @param secret the HS256 secret, at least 32 bytes in UTF-8 (the same rule as {@code MEDSYNC_JWT_SECRET})
     * @throws IllegalArgumentException when the secret is too short
     */
    public TokenIssuer(String secret) {
        this(secret, Clock.systemUTC());
    }

    /** For tests that need a fixed clock. */
    TokenIssuer(String secret, Clock clock) {
        this(hmacKey(secret), Optional.empty(), Optional.empty(), clock);
    }

    private TokenIssuer(SecretKey key, Optional<String> issuer, Optional<String> audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static SecretKey hmacKey(String secret) {
        Objects.requireNonNull(secret, "secret");
        JwtSettings.requireStrongSecret(secret);
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** @return an issuer that also sets {@code iss} on every token */
    public TokenIssuer withIssuer(String issuer) {
        return new TokenIssuer(key, Optional.of(issuer), audience, clock);
    }

    /** @return an issuer that also sets {@code aud} (as a one-element array) on every token */
    public TokenIssuer withAudience(String audience) {
        return new TokenIssuer(key, issuer, Optional.of(audience), clock);
    }

    /**
     * @param subject    the {@code sub}: the user id
     * @param role       the {@code role}
     * @param pharmacyId the {@code pharmacyId} of pharmacy staff
     * @param rooms      the {@code rooms} claim (full room names such as {@code chat:room_456}); omitted when empty
     * @param ttl        how long the token is valid from now
     * @return a signed compact JWS
     */
    public String issue(String subject, Role role, Optional<String> pharmacyId, Collection<String> rooms,
            Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", Objects.requireNonNull(subject, "subject"));
        claims.put("role", role.wireName());
        pharmacyId.ifPresent(id -> claims.put("pharmacyId", id));
        if (!rooms.isEmpty()) {
            claims.put("rooms", List.copyOf(rooms));
        }
        return issue(claims, ttl);
    }

    /**
     * @param claims any claims; {@code iat} and {@code exp} are always set from the clock and {@code ttl}, and
     *     {@code iss}/{@code aud} from this issuer when configured, replacing what {@code claims} holds
     * @param ttl    how long the token is valid from now; positive
     * @return a signed compact JWS
     */
    public String issue(Map<String, ?> claims, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token ttl must be positive");
        }
        Map<String, Object> all = new LinkedHashMap<>(claims);
        issuer.ifPresent(iss -> all.put("iss", iss));
        // Put in the map rather than through audience().add(), which would add to an aud already in claims.
        audience.ifPresent(aud -> all.put("aud", List.of(aud)));
        Instant now = clock.instant();
        return Jwts.builder()
                .claims(all)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }
}
