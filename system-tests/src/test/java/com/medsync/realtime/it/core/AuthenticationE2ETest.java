package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.JavaSocketIoClients;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.spi.auth.Role;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT authentication as the frontend meets it: {@code io('/patient-pharmacy', {auth: {token}})}, and the
 * {@code connect_error} whose message contains "Authentication" for every refusal.
 */
class AuthenticationE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();


    @Test
    void aValidTokenInTheAuthPayloadConnects() {
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(), JsClients.auth(live.medsync().patientToken("patient_1")));

        JsSocket.Connected connected = socket.awaitConnect();

        assertThat(connected.id()).isNotBlank();
        socket.close();
    }

    @Test
    void theTokenQueryParameterIsAcceptedForOldClients() {
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(),
                Map.of("query", Map.of("token", live.medsync().patientToken("patient_1"))));

        socket.awaitConnect();
        socket.close();
    }

    @Test
    void anAuthorizationBearerHeaderIsAcceptedForOldClients() {
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(), Map.of("transports", new String[] {"polling"},
                "extraHeaders", Map.of("Authorization", "Bearer " + live.medsync().patientToken("patient_1"))));

        socket.awaitConnect();
        socket.close();
    }

    static Stream<Arguments> refusedTokens() {
        byte[] secret = EmbeddedMedsync.JWT_SECRET.getBytes(StandardCharsets.UTF_8);
        Date inAnHour = Date.from(Instant.now().plusSeconds(3600));
        String expired = Jwts.builder().subject("patient_1").claim("role", "patient")
                .expiration(Date.from(Instant.now().minusSeconds(600)))
                .signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256).compact();
        String otherSecret = Jwts.builder().subject("patient_1").claim("role", "patient").expiration(inAnHour)
                .signWith(Keys.hmacShaKeyFor("another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)),
                        Jwts.SIG.HS256).compact();
        String noExpiry = Jwts.builder().subject("patient_1").claim("role", "patient")
                .signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256).compact();
        String notYetValid = Jwts.builder().subject("patient_1").claim("role", "patient").expiration(inAnHour)
                .notBefore(Date.from(Instant.now().plusSeconds(1800)))
                .signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256).compact();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String algNone = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"patient_1\",\"role\":\"patient\",\"exp\":"
                        + (Instant.now().getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8)) + ".";
        return Stream.of(
                Arguments.of("missing", Map.of(), "token missing"),
                Arguments.of("garbage", Map.of("auth", Map.of("token", "not-a-jwt")), "malformed token"),
                Arguments.of("expired", Map.of("auth", Map.of("token", expired)), "token expired"),
                Arguments.of("wrong secret", Map.of("auth", Map.of("token", otherSecret)), "invalid signature"),
                Arguments.of("no exp", Map.of("auth", Map.of("token", noExpiry)), "token has no expiry"),
                Arguments.of("nbf in the future", Map.of("auth", Map.of("token", notYetValid)), "token not yet valid"),
                Arguments.of("alg none", Map.of("auth", Map.of("token", algNone)), "algorithm not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenGetsAnAuthenticationConnectErrorAndNothingElse(String name, Map<String, ?> opts, String reason) {
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(), withoutReconnection(opts));

        JsSocket.ConnectError error = socket.awaitConnectError();

        assertThat(error.message()).contains("Authentication").isEqualTo("Authentication error: " + reason);
        // Nothing addressed to the user it claimed to be reaches it.
        live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":1},\"to\":[\"user:patient_1\"]}");
        live.js().sync();
        socket.assertNoEvent("test:broadcast", Duration.ofMillis(300));
        assertThat(socket.eventNames()).isEmpty();
        socket.close();
    }

    @Test
    void theJavaClientConnectsWithTheAuthPayloadToo() {
        try (JavaSocketIoClients.JavaClient client = JavaSocketIoClients.connect(live.medsync().canonicalUrl(),
                Map.of("token", live.medsync().token("staff_1", Role.PHARMACY, Optional.of("pharmacy_1"))))) {
            client.awaitConnect();
            live.medsync().publish("{\"event\":\"test:pharmacy\",\"data\":{\"pharmacyId\":\"pharmacy_1\"}}");

            assertThat(client.awaitEvent("test:pharmacy").path(0).path("pharmacyId").asText()).isEqualTo("pharmacy_1");
        }
    }

    @Test
    void theJavaClientSeesTheRefusalReason() {
        try (JavaSocketIoClients.JavaClient client = JavaSocketIoClients.connect(live.medsync().canonicalUrl(),
                Map.of("token", "not-a-jwt"))) {
            assertThat(client.awaitConnectError().toString()).contains("Authentication error: malformed token");
        }
    }

    private static Map<String, Object> withoutReconnection(Map<String, ?> opts) {
        Map<String, Object> copy = new java.util.HashMap<>(opts);
        copy.put("reconnection", false);
        return copy;
    }
}
