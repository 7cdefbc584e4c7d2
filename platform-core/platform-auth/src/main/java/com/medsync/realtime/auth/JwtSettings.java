package com.medsync.realtime.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How tokens are verified: with an HS256 shared secret ({@code MEDSYNC_JWT_SECRET}) or with a PEM public key
 * file ({@code MEDSYNC_JWT_PUBLIC_KEY}, RS256 or ES256), never both, plus the optional {@code iss} and
 * {@code aud} the tokens must carry and the clock skew tolerated on {@code exp} and {@code nbf}.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param secret       the HS256 secret, at least 32 bytes in UTF-8
 * @param publicKeyPem a PEM file holding an RSA or EC P-256 public key ({@code -----BEGIN PUBLIC KEY-----})
 * @param issuer       when present, the {@code iss} every token must carry
 * @param audience     when present, a value the token's {@code aud} (a string or an array) must contain
 * @param clockSkew    how far {@code exp} and {@code nbf} may be off the server clock; not negative, counted in
 *                     whole seconds (JWT times are seconds)
 */
public record JwtSettings(
        Optional<String> secret,
        Optional<Path> publicKeyPem,
        Optional<String> issuer,
        Optional<String> audience,
        Duration clockSkew) {

    /** HS256 needs a key as long as its hash (RFC 7518, section 3.2); jjwt refuses shorter ones too. */
    static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (secret.isPresent() && publicKeyPem.isPresent()) {
            throw new IllegalArgumentException("set MEDSYNC_JWT_SECRET or MEDSYNC_JWT_PUBLIC_KEY, not both");
        }
        if (secret.isEmpty() && publicKeyPem.isEmpty()) {
            throw new IllegalArgumentException("set one of MEDSYNC_JWT_SECRET or MEDSYNC_JWT_PUBLIC_KEY");
        }
        secret.ifPresent(JwtSettings::requireStrongSecret);
        // A blank value would silently turn into "no check", which is not what whoever set it meant.
        if (issuer.isPresent() && issuer.get().isBlank()) {
            throw new IllegalArgumentException("JWT issuer must not be blank");
        }
        if (audience.isPresent() && audience.get().isBlank()) {
            throw new IllegalArgumentException("JWT audience must not be blank");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("JWT clock skew must not be negative");
        }
    }

    /** @return settings for an HS256 secret, no {@code iss}/{@code aud} check and the given skew */
    public static JwtSettings ofSecret(String secret, Duration clockSkew) {
        return new JwtSettings(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty(), clockSkew);
    }

    /** @return settings for a PEM public key file, no {@code iss}/{@code aud} check and the given skew */
    public static JwtSettings ofPublicKey(Path publicKeyPem, Duration clockSkew) {
        return new JwtSettings(Optional.empty(), Optional.of(publicKeyPem), Optional.empty(), Optional.empty(),
                clockSkew);
    }

    static void requireStrongSecret(String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("MEDSYNC_JWT_SECRET must be at least 32 bytes");
        }
    }

    @Override
    public String toString() {
        return "JwtSettings[secret=" + secret.map(s -> "(redacted)").orElse("(none)")
                + ", publicKeyPem=" + publicKeyPem.map(Path::toString).orElse("(none)")
                + ", issuer=" + issuer.orElse("(any)")
                + ", audience=" + audience.orElse("(any)")
                + ", clockSkew=" + clockSkew + "]";
    }
}
