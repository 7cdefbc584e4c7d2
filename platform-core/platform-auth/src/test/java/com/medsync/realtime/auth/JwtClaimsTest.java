package com.medsync.realtime.auth;

import static com.medsync.realtime.auth.Tokens.CLOCK;
import static com.medsync.realtime.auth.Tokens.NOW;
import static com.medsync.realtime.auth.Tokens.SECRET;
import static com.medsync.realtime.auth.Tokens.assertRefused;
import static com.medsync.realtime.auth.Tokens.claims;
import static com.medsync.realtime.auth.Tokens.hs256;
import static com.medsync.realtime.auth.Tokens.hs256Json;
import static com.medsync.realtime.auth.Tokens.hsAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a correctly signed token must also say: times, issuer, audience and the MedSync claims. */
class JwtClaimsTest {

    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final long FUTURE = NOW.plusSeconds(3600).getEpochSecond();

    private static JwtAuthenticator withSkew(Duration skew) {
        return new JwtAuthenticator(JwtSettings.ofSecret(SECRET, skew), CLOCK);
    }

    private static JwtAuthenticator withIssuerAndAudience(String issuer, String audience) {
        return new JwtAuthenticator(new JwtSettings(Optional.of(SECRET), Optional.empty(), Optional.ofNullable(issuer),
                Optional.ofNullable(audience), Duration.ZERO), CLOCK);
    }

    private static String tokenWith(String claim, Object value) {
        Map<String, Object> claims = claims();
        claims.put(claim, value);
        return hs256(claims);
    }

    private static String tokenWithout(String claim) {
        Map<String, Object> claims = claims();
        claims.remove(claim);
        return hs256(claims);
    }

    // ---- success ----

    @Test
    void principalCarriesTheClaims() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("sub", "pharmacist_7");
        claims.put("role", "pharmacy");
        claims.put("pharmacyId", "pharmacy_123");
        claims.put("rooms", List.of("chat:room_456", "dispatch:d-1", "chat:room_456"));
        claims.put("locale", "en-NG");
        claims.put("profile", Map.of("tier", "gold", "tags", List.of("a", "b")));

        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(hs256(claims)));

        assertThat(principal.userId()).isEqualTo("pharmacist_7");
        assertThat(principal.role()).isEqualTo(Role.PHARMACY);
        assertThat(principal.pharmacyId()).contains("pharmacy_123");
        assertThat(principal.rooms()).containsExactlyInAnyOrder("chat:room_456", "dispatch:d-1");
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(principal.claims())
                .containsEntry("sub", "pharmacist_7")
                .containsEntry("role", "pharmacy")
                .containsEntry("locale", "en-NG")
                .containsKeys("exp", "iat", "profile", "rooms");
    }

    @Test
    void principalWithoutOptionalClaims() throws Exception {
        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(hs256(claims())));

        assertThat(principal.pharmacyId()).isEmpty();
        assertThat(principal.rooms()).isEmpty();
    }

    @Test
    void nullClaimsAreDroppedAndNestedValuesAreReadOnly() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("nickname", null);
        claims.put("tags", new ArrayList<>(Arrays.asList("a", null)));
        claims.put("rooms", List.of());

        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(hs256(claims)));

        assertThat(principal.claims()).doesNotContainKey("nickname");
        assertThat(principal.rooms()).isEmpty();
        @SuppressWarnings("unchecked")
        List<Object> tags = (List<Object>) principal.claims().get("tags");
        assertThat(tags).containsExactly("a", null);
        assertThatThrownBy(() -> tags.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient", "pharmacy", "rider", "admin"})
    void everyRoleIsAccepted(String role) throws Exception {
        Principal principal = hsAuthenticator().authenticate(FakeHandshake.authToken(tokenWith("role", role)));

        assertThat(principal.role().wireName()).isEqualTo(role);
    }

    // ---- time ----

    @Test
    void expiredTokenIsRefused() {
        assertRefused(hsAuthenticator(), tokenWith("exp", NOW.minusSeconds(1).getEpochSecond()), "token expired");
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        assertRefused(hsAuthenticator(), tokenWithout("exp"), "token has no expiry");
    }

    @Test
    void tokenNotYetValidIsRefused() {
        assertRefused(hsAuthenticator(), tokenWith("nbf", NOW.plusSeconds(1).getEpochSecond()), "token not yet valid");
    }

    @Test
    void nbfInThePastIsAccepted() throws Exception {
        Principal principal = hsAuthenticator()
                .authenticate(FakeHandshake.authToken(tokenWith("nbf", NOW.minusSeconds(10).getEpochSecond())));

        assertThat(principal.userId()).isEqualTo("user_1");
    }

    @Test
    void skewToleratesARecentlyExpiredToken() throws Exception {
        String token = tokenWith("exp", NOW.minusSeconds(30).getEpochSecond());

        assertThat(withSkew(SKEW).authenticate(FakeHandshake.authToken(token)).expiresAt())
                .isEqualTo(NOW.minusSeconds(30));
        assertRefused(hsAuthenticator(), token, "token expired");
    }

    @Test
    void skewDoesNotTolerateATokenExpiredLongerAgo() {
        assertRefused(withSkew(SKEW), tokenWith("exp", NOW.minusSeconds(61).getEpochSecond()), "token expired");
    }

    @Test
    void skewToleratesAnNbfSlightlyAhead() throws Exception {
        String token = tokenWith("nbf", NOW.plusSeconds(30).getEpochSecond());

        assertThat(withSkew(SKEW).authenticate(FakeHandshake.authToken(token)).userId()).isEqualTo("user_1");
        assertRefused(hsAuthenticator(), token, "token not yet valid");
    }

    @Test
    void skewDoesNotTolerateAnNbfFarAhead() {
        assertRefused(withSkew(SKEW), tokenWith("nbf", NOW.plusSeconds(61).getEpochSecond()), "token not yet valid");
    }

    @Test
    void expIsCheckedBeforeTheMedSyncClaims() {
        Map<String, Object> claims = claims();
        claims.put("exp", NOW.minusSeconds(5).getEpochSecond());
        claims.remove("role");

        assertRefused(hsAuthenticator(), hs256(claims), "token expired");
    }

    @Test
    void nonNumericExpIsMalformed() {
        String token = hs256Json("{\"sub\":\"user_1\",\"role\":\"patient\",\"exp\":\"tomorrow\"}");

        assertRefused(hsAuthenticator(), token, "malformed token");
    }

    // ---- issuer and audience ----

    @Test
    void issuerIsCheckedWhenConfigured() throws Exception {
        JwtAuthenticator authenticator = withIssuerAndAudience("https://api.medsync.example", null);

        assertThat(authenticator.authenticate(FakeHandshake.authToken(tokenWith("iss", "https://api.medsync.example")))
                .userId()).isEqualTo("user_1");
        assertRefused(authenticator, tokenWith("iss", "https://evil.example"), "invalid issuer");
        assertRefused(authenticator, tokenWithout("iss"), "invalid issuer");
    }

    @Test
    void issuerIsIgnoredWhenNotConfigured() throws Exception {
        assertThat(hsAuthenticator().authenticate(FakeHandshake.authToken(tokenWith("iss", "anyone"))).userId())
                .isEqualTo("user_1");
    }

    @Test
    void audienceAsAStringIsChecked() throws Exception {
        JwtAuthenticator authenticator = withIssuerAndAudience(null, "medsync-realtime");

        assertThat(authenticator.authenticate(FakeHandshake.authToken(tokenWith("aud", "medsync-realtime")))
                .userId()).isEqualTo("user_1");
        assertRefused(authenticator, tokenWith("aud", "medsync-billing"), "invalid audience");
        assertRefused(authenticator, tokenWithout("aud"), "invalid audience");
    }

    @Test
    void audienceAsAnArrayIsChecked() throws Exception {
        JwtAuthenticator authenticator = withIssuerAndAudience(null, "medsync-realtime");

        String token = tokenWith("aud", List.of("medsync-billing", "medsync-realtime"));
        assertThat(authenticator.authenticate(FakeHandshake.authToken(token)).userId()).isEqualTo("user_1");
        assertRefused(authenticator, tokenWith("aud", List.of("medsync-billing", "medsync-web")), "invalid audience");
    }

    @Test
    void audienceIsIgnoredWhenNotConfigured() throws Exception {
        assertThat(hsAuthenticator().authenticate(FakeHandshake.authToken(tokenWith("aud", "anything"))).userId())
                .isEqualTo("user_1");
    }

    // ---- MedSync claims ----

    @Test
    void tokenWithoutSubjectIsRefused() {
        assertRefused(hsAuthenticator(), tokenWithout("sub"), "token has no subject");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankSubjectIsRefused(String subject) {
        assertRefused(hsAuthenticator(), tokenWith("sub", subject), "token has no subject");
    }

    @Test
    void nonStringSubjectIsMalformed() {
        String token = hs256Json("{\"sub\":42,\"role\":\"patient\",\"exp\":" + FUTURE + "}");

        assertRefused(hsAuthenticator(), token, "malformed token");
    }

    static Stream<Arguments> badRoles() {
        return Stream.of(Arguments.of("superuser"), Arguments.of("ADMIN"), Arguments.of("Patient"),
                Arguments.of(""), Arguments.of(1), Arguments.of(List.of("admin")), Arguments.of(true));
    }

    @ParameterizedTest
    @MethodSource("badRoles")
    void unknownRoleIsRefused(Object role) {
        assertRefused(hsAuthenticator(), tokenWith("role", role), "invalid role");
    }

    @Test
    void missingRoleIsRefused() {
        assertRefused(hsAuthenticator(), tokenWithout("role"), "invalid role");
    }

    static Stream<Arguments> badPharmacyIds() {
        return Stream.of(Arguments.of(""), Arguments.of("pharmacy 123"), Arguments.of("pharmacy:123"),
                Arguments.of("ph/../x"), Arguments.of("x".repeat(129)), Arguments.of(123), Arguments.of(List.of("p1")),
                Arguments.of(Map.of("id", "p1")));
    }

    @ParameterizedTest
    @MethodSource("badPharmacyIds")
    void invalidPharmacyIdIsRefused(Object pharmacyId) {
        assertRefused(hsAuthenticator(), tokenWith("pharmacyId", pharmacyId), "invalid pharmacyId");
    }

    @Test
    void longestValidPharmacyIdIsAccepted() throws Exception {
        String id = "P-_9".repeat(32);

        assertThat(hsAuthenticator().authenticate(FakeHandshake.authToken(tokenWith("pharmacyId", id))).pharmacyId())
                .contains(id);
    }

    static Stream<Arguments> badRooms() {
        return Stream.of(Arguments.of("chat:room_456"), Arguments.of(42), Arguments.of(Map.of("chat", "room_456")),
                Arguments.of(List.of("chat:room_456", 7)), Arguments.of(List.of("lobby")),
                Arguments.of(List.of("chat:")), Arguments.of(List.of("admin:all")),
                Arguments.of(List.of("chat:room 456")), Arguments.of(List.of(List.of("chat:room_456"))));
    }

    @ParameterizedTest
    @MethodSource("badRooms")
    void invalidRoomsClaimIsRefused(Object rooms) {
        assertRefused(hsAuthenticator(), tokenWith("rooms", rooms), "invalid rooms claim");
    }

    @Test
    void expiresAtIsTheExpClaim() throws Exception {
        Instant exp = NOW.plusSeconds(123);

        assertThat(hsAuthenticator().authenticate(FakeHandshake.authToken(tokenWith("exp", exp.getEpochSecond())))
                .expiresAt()).isEqualTo(exp);
    }
}
