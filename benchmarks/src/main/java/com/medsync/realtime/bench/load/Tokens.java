package com.medsync.realtime.bench.load;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.SecretKey;

/**
 * Real HS256 tokens, signed with the secret every server under test verifies with: the load generator's
 * clients authenticate exactly as the apps do.
 */
public final class Tokens {

    private final SecretKey key;

    public Tokens(String secret) {
        this.key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A pharmacy staff member's token: role pharmacy, so the server puts the socket in pharmacy:{pharmacyId}. */
    public String pharmacyStaff(String subject, String pharmacyId) {
        Instant now = Instant.now();
        return Jwts.builder()
                .subject(subject)
                .claim("role", "pharmacy")
                .claim("pharmacyId", pharmacyId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofHours(2))))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }
}
