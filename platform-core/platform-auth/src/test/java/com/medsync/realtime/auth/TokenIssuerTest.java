package com.medsync.realtime.auth;

import static com.medsync.realtime.auth.Tokens.CLOCK;
import static com.medsync.realtime.auth.Tokens.NOW;
import static com.medsync.realtime.auth.Tokens.SECRET;
import static com.medsync.realtime.auth.Tokens.assertRefused;
import static com.medsync.realtime.auth.Tokens.hsAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tokens minted here are exactly what the authenticator accepts. */
class TokenIssuerTest {

    private final TokenIssuer issuer = new TokenIssuer(SECRET, CLOCK);

    @Test
    void issuedTokenRoundTrips() throws Exception {
        String token = issuer.issue("pharmacist_7", Role.PHARMACY, Optional.of("pharmacy_123"),
                List.of("chat:room_456"), Duration.ofMinutes(30));

        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(token));

        assertThat(principal.userId()).isEqualTo("pharmacist_7");
        assertThat(principal.role()).isEqualTo(Role.PHARMACY);
        assertThat(principal.pharmacyId()).contains("pharmacy_123");
        assertThat(principal.rooms()).containsExactly("chat:room_456");
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(principal.claims()).containsEntry("iat", NOW.getEpochSecond()).doesNotContainKeys("iss", "aud");
    }

    @Test
    void patientTokenHasNoOptionalClaims() throws Exception {
        String token = issuer.issue("user_1", Role.PATIENT, Optional.empty(), List.of(), Duration.ofMinutes(5));

        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(token));

        assertThat(principal.claims()).doesNotContainKeys("pharmacyId", "rooms");
    }

    @Test
    void issuerAndAudienceMatchAConfiguredAuthenticator() throws Exception {
        JwtAuthenticator strict = new JwtAuthenticator(new JwtSettings(Optional.of(SECRET), Optional.empty(),
                Optional.of("medsync-api"), Optional.of("medsync-realtime"), Duration.ZERO), CLOCK);
        String token = issuer.withIssuer("medsync-api").withAudience("medsync-realtime")
                .issue("user_1", Role.ADMIN, Optional.empty(), List.of(), Duration.ofMinutes(5));

        assertThat(strict.authenticate(FakeHandshake.authToken(token)).role()).isEqualTo(Role.ADMIN);
        assertRefused(strict, issuer.issue("user_1", Role.ADMIN, Optional.empty(), List.of(), Duration.ofMinutes(5)),
                "invalid issuer");
        assertRefused(strict, issuer.withIssuer("medsync-api")
                .issue("user_1", Role.ADMIN, Optional.empty(), List.of(), Duration.ofMinutes(5)), "invalid audience");
    }

    @Test
    void lowLevelIssueKeepsCustomClaimsAndSetsTheTimes() throws Exception {
        String token = issuer.issue(Map.of("sub", "rider_9", "role", "rider", "exp", 1L, "vehicle", "bike"),
                Duration.ofMinutes(10));

        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(token));

        assertThat(principal.claims()).containsEntry("vehicle", "bike");
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void configuredAudienceReplacesTheOneInTheClaims() throws Exception {
        JwtAuthenticator strict = new JwtAuthenticator(new JwtSettings(Optional.of(SECRET), Optional.empty(),
                Optional.empty(), Optional.of("medsync-realtime"), Duration.ZERO), CLOCK);
        String token = issuer.withAudience("medsync-realtime")
                .issue(Map.of("sub", "user_1", "role", "patient", "aud", "elsewhere"), Duration.ofMinutes(5));

        assertThat(strict.authenticate(FakeHandshake.authToken(token)).claims().get("aud"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("medsync-realtime");
    }

    @Test
    void tokensExpire() {
        String token = new TokenIssuer(SECRET, java.time.Clock.fixed(NOW.minusSeconds(120), java.time.ZoneOffset.UTC))
                .issue("user_1", Role.PATIENT, Optional.empty(), List.of(), Duration.ofMinutes(1));

        assertRefused(hsAuthenticator(), token, "token expired");
    }

    @Test
    void productionConstructorMintsTokensThatVerifyNow() throws Exception {
        String token = new TokenIssuer(SECRET).issue("user_1", Role.PATIENT, Optional.empty(), List.of(),
                Duration.ofMinutes(1));

        assertThat(new JwtAuthenticator(JwtSettings.ofSecret(SECRET, Duration.ZERO))
                .authenticate(FakeHandshake.authToken(token)).userId()).isEqualTo("user_1");
    }

    @Test
    void shortSecretIsRejected() {
        assertThatThrownBy(() -> new TokenIssuer("too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MEDSYNC_JWT_SECRET must be at least 32 bytes");
    }

    @Test
    void nonPositiveTtlIsRejected() {
        assertThatThrownBy(() -> issuer.issue(Map.of("sub", "x"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
