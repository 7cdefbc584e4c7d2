package com.medsync.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Handshake;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Shared token crafting and assertions for the authenticator tests. */
final class Tokens {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    static final SecretKey SECRET_KEY = hmac(SECRET.getBytes(StandardCharsets.UTF_8));

    private Tokens() {
    }

    static SecretKey hmac(byte[] bytes) {
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A valid claim set: patient {@code user_1}, expiring an hour after {@link #NOW}. */
    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user_1");
        claims.put("role", "patient");
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofHours(1)).getEpochSecond());
        return claims;
    }

    static <K extends Key> String sign(Map<String, ?> claims, K key, SecureDigestAlgorithm<? super K, ?> alg) {
        return Jwts.builder().claims(claims).signWith(key, alg).compact();
    }

    static String hs256(Map<String, ?> claims) {
        return sign(claims, SECRET_KEY, Jwts.SIG.HS256);
    }

    /** HS256 over a payload written by hand, for claim values jjwt's builder would refuse to write. */
    static String hs256Json(String payloadJson) {
        String signingInput = b64url("{\"alg\":\"HS256\"}") + "." + b64url(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(SECRET_KEY);
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** An unsecured JWT as an attacker writes it: no signature at all. */
    static String unsecured(String headerJson) {
        return b64url(headerJson) + "." + b64url("{\"sub\":\"user_1\",\"role\":\"admin\",\"exp\":"
                + NOW.plus(Duration.ofHours(1)).getEpochSecond() + "}") + ".";
    }

    static JwtAuthenticator hsAuthenticator() {
        return new JwtAuthenticator(JwtSettings.ofSecret(SECRET, Duration.ZERO), CLOCK);
    }

    static void assertRefused(Authenticator authenticator, Handshake handshake, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(handshake))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static void assertRefused(Authenticator authenticator, String token, String reason) {
        assertRefused(authenticator, FakeHandshake.authToken(token), reason);
    }
}
