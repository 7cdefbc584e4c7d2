package com.medsync.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.medsync.realtime.auth.JwtAuthenticator;
import com.medsync.realtime.auth.JwtSettings;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every token is checked by the platform's own authenticator, configured as a server would be. */
class TestTokensTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    private final TestTokens tokens = new TestTokens(SECRET);
    private final JwtAuthenticator server = authenticator(Optional.empty(), Optional.empty());

    @Test
    void patientTokenCarriesRoleRoomsAndTenMinutes() throws AuthenticationException {
        Principal principal = server.authenticate(handshake(tokens.patient("patient_1", "chat:room_1", "chat:room_2")));

        assertThat(principal.userId()).isEqualTo("patient_1");
        assertThat(principal.role()).isEqualTo(Role.PATIENT);
        assertThat(principal.pharmacyId()).isEmpty();
        assertThat(principal.rooms()).containsExactlyInAnyOrder("chat:room_1", "chat:room_2");
        assertThat(principal.expiresAt()).isCloseTo(Instant.now().plus(TestTokens.DEFAULT_TTL), within(15, ChronoUnit.SECONDS));
    }

    @Test
    void pharmacyRiderAndAdminTokens() throws AuthenticationException {
        Principal pharmacist = server.authenticate(handshake(tokens.pharmacy("pharmacist_1", "pharmacy_9", "chat:room_1")));
        Principal rider = server.authenticate(handshake(tokens.rider("rider_1", "dispatch:order_7")));
        Principal admin = server.authenticate(handshake(tokens.admin("admin_1")));

        assertThat(pharmacist.role()).isEqualTo(Role.PHARMACY);
        assertThat(pharmacist.pharmacyId()).contains("pharmacy_9");
        assertThat(pharmacist.rooms()).containsExactly("chat:room_1");
        assertThat(rider.role()).isEqualTo(Role.RIDER);
        assertThat(rider.rooms()).containsExactly("dispatch:order_7");
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.userId()).isEqualTo("admin_1");
        assertThat(admin.rooms()).isEmpty();
    }

    @Test
    void expiredTokenIsRefusedAsExpiredNotAsForged() {
        assertThatThrownBy(() -> server.authenticate(handshake(tokens.expired("patient_1"))))
                .isInstanceOf(AuthenticationException.class)
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo("token expired");
    }

    @Test
    void tokensOfAnotherSecretAreRefused() {
        String foreign = TestTokens.withRandomSecret().patient("patient_1");

        assertThatThrownBy(() -> server.authenticate(handshake(foreign)))
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo("invalid signature");
    }

    @Test
    void ttlIssuerAndAudienceAreApplied() throws AuthenticationException {
        JwtAuthenticator strict = authenticator(Optional.of("medsync-backend"), Optional.of("medsync-realtime"));
        TestTokens adjusted = tokens.withTtl(Duration.ofHours(2)).withIssuer("medsync-backend").withAudience("medsync-realtime");

        Principal principal = strict.authenticate(handshake(adjusted.patient("patient_1")));

        assertThat(principal.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(15, ChronoUnit.SECONDS));
        assertThat(principal.claims()).containsEntry("iss", "medsync-backend");
        assertThatThrownBy(() -> strict.authenticate(handshake(tokens.patient("patient_1"))))
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo("invalid issuer");
        assertThatThrownBy(() -> strict.authenticate(handshake(adjusted.expired("patient_1"))))
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo("token expired");
    }

    @Test
    void randomSecretsAreStrongAndDistinct() {
        TestTokens first = TestTokens.withRandomSecret();

        assertThat(first.secret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(TestTokens.withRandomSecret().secret());
        assertThat(new TestTokens(first.secret()).secret()).isEqualTo(first.secret());
    }

    @Test
    void refusesWhatThePlatformWouldRefuse() {
        assertThatThrownBy(() -> new TestTokens("too-short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.withTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expired()");
    }

    private static JwtAuthenticator authenticator(Optional<String> issuer, Optional<String> audience) {
        return new JwtAuthenticator(new JwtSettings(Optional.of(SECRET), Optional.empty(), issuer, audience,
                Duration.ofSeconds(30)));
    }

    private static Handshake handshake(String token) {
        return new Handshake() {
            @Override
            public String namespace() {
                return "/patient-pharmacy";
            }

            @Override
            public Map<String, Object> auth() {
                return Map.of("token", token);
            }

            @Override
            public Optional<String> queryParameter(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> header(String name) {
                return Optional.empty();
            }

            @Override
            public InetSocketAddress remoteAddress() {
                return new InetSocketAddress("127.0.0.1", 40_000);
            }
        };
    }
}
