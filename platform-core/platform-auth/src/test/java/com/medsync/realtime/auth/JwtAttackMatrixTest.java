package com.medsync.realtime.auth;

import static com.medsync.realtime.auth.Tokens.CLOCK;
import static com.medsync.realtime.auth.Tokens.SECRET;
import static com.medsync.realtime.auth.Tokens.SECRET_KEY;
import static com.medsync.realtime.auth.Tokens.assertRefused;
import static com.medsync.realtime.auth.Tokens.b64url;
import static com.medsync.realtime.auth.Tokens.claims;
import static com.medsync.realtime.auth.Tokens.hmac;
import static com.medsync.realtime.auth.Tokens.hs256;
import static com.medsync.realtime.auth.Tokens.hsAuthenticator;
import static com.medsync.realtime.auth.Tokens.sign;
import static com.medsync.realtime.auth.Tokens.unsecured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker can do with the token itself: algorithms, keys, signatures and structure. */
class JwtAttackMatrixTest {

    @TempDir
    static Path keys;

    static KeyPair rsa;
    static KeyPair otherRsa;
    static KeyPair ec;
    static KeyPair otherEc;
    static Path rsaPem;
    static Path ecPem;
    static JwtAuthenticator rsaAuthenticator;
    static JwtAuthenticator ecAuthenticator;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestKeys.rsa(2048);
        otherRsa = TestKeys.rsa(2048);
        ec = TestKeys.ec("secp256r1");
        otherEc = TestKeys.ec("secp256r1");
        rsaPem = TestKeys.writePublicKeyPem(keys, "rsa.pem", rsa.getPublic());
        ecPem = TestKeys.writePublicKeyPem(keys, "ec.pem", ec.getPublic());
        rsaAuthenticator = new JwtAuthenticator(JwtSettings.ofPublicKey(rsaPem, Duration.ZERO), CLOCK);
        ecAuthenticator = new JwtAuthenticator(JwtSettings.ofPublicKey(ecPem, Duration.ZERO), CLOCK);
    }

    // ---- happy paths, one per pinned algorithm ----

    @Test
    void hs256TokenIsAcceptedWithTheSecret() throws Exception {
        JwtAuthenticator authenticator = hsAuthenticator();

        Principal principal = authenticator.authenticate(FakeHandshake.authToken(hs256(claims())));

        assertThat(authenticator.algorithm()).isEqualTo("HS256");
        assertThat(principal.userId()).isEqualTo("user_1");
        assertThat(principal.role()).isEqualTo(Role.PATIENT);
    }

    @Test
    void rs256TokenIsAcceptedWithTheRsaPublicKey() throws Exception {
        String token = sign(claims(), rsa.getPrivate(), Jwts.SIG.RS256);

        Principal principal = rsaAuthenticator.authenticate(FakeHandshake.authToken(token));

        assertThat(rsaAuthenticator.algorithm()).isEqualTo("RS256");
        assertThat(principal.userId()).isEqualTo("user_1");
    }

    @Test
    void es256TokenIsAcceptedWithTheEcPublicKey() throws Exception {
        String token = sign(claims(), ec.getPrivate(), Jwts.SIG.ES256);

        Principal principal = ecAuthenticator.authenticate(FakeHandshake.authToken(token));

        assertThat(ecAuthenticator.algorithm()).isEqualTo("ES256");
        assertThat(principal.userId()).isEqualTo("user_1");
    }

    // ---- algorithm attacks ----

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"none\"}", "{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"alg\":\"None\"}",
            "{\"alg\":\"NONE\"}"})
    void unsecuredTokenIsRefusedByEveryKeyKind(String header) {
        assertRefused(hsAuthenticator(), unsecured(header), "algorithm not allowed");
        assertRefused(rsaAuthenticator, unsecured(header), "algorithm not allowed");
        assertRefused(ecAuthenticator, unsecured(header), "algorithm not allowed");
    }

    @Test
    void unsecuredTokenWithAForgedSignatureIsRefused() {
        String forged = unsecured("{\"alg\":\"none\"}") + "c2lnbmF0dXJl";

        assertRefused(hsAuthenticator(), forged, "algorithm not allowed");
    }

    @Test
    void hsRsConfusionWithTheDerPublicKeyAsHmacSecretIsRefused() {
        String token = sign(claims(), hmac(rsa.getPublic().getEncoded()), Jwts.SIG.HS256);

        assertRefused(rsaAuthenticator, token, "algorithm not allowed");
    }

    @Test
    void hsRsConfusionWithThePemFileBytesAsHmacSecretIsRefused() throws Exception {
        String token = sign(claims(), hmac(Files.readAllBytes(rsaPem)), Jwts.SIG.HS256);

        assertRefused(rsaAuthenticator, token, "algorithm not allowed");
    }

    @Test
    void hsEcConfusionIsRefused() throws Exception {
        String token = sign(claims(), hmac(Files.readAllBytes(ecPem)), Jwts.SIG.HS256);

        assertRefused(ecAuthenticator, token, "algorithm not allowed");
    }

    @Test
    void anotherRsaAlgorithmThanRs256IsRefused() {
        assertRefused(rsaAuthenticator, sign(claims(), rsa.getPrivate(), Jwts.SIG.RS512), "algorithm not allowed");
        assertRefused(rsaAuthenticator, sign(claims(), rsa.getPrivate(), Jwts.SIG.PS256), "algorithm not allowed");
    }

    @Test
    void anotherHmacAlgorithmThanHs256IsRefused() {
        String token = sign(claims(), Jwts.SIG.HS512.key().build(), Jwts.SIG.HS512);

        assertRefused(hsAuthenticator(), token, "algorithm not allowed");
    }

    @Test
    void asymmetricTokensAreRefusedByASecretServer() {
        assertRefused(hsAuthenticator(), sign(claims(), rsa.getPrivate(), Jwts.SIG.RS256), "algorithm not allowed");
        assertRefused(hsAuthenticator(), sign(claims(), ec.getPrivate(), Jwts.SIG.ES256), "algorithm not allowed");
    }

    @Test
    void theOtherAsymmetricAlgorithmIsRefused() {
        assertRefused(rsaAuthenticator, sign(claims(), ec.getPrivate(), Jwts.SIG.ES256), "algorithm not allowed");
        assertRefused(ecAuthenticator, sign(claims(), rsa.getPrivate(), Jwts.SIG.RS256), "algorithm not allowed");
    }

    @Test
    void unknownAlgorithmIsRefused() {
        String valid = hs256(claims());
        String token = b64url("{\"alg\":\"HS999\"}") + valid.substring(valid.indexOf('.'));

        assertRefused(hsAuthenticator(), token, "algorithm not allowed");
    }

    @Test
    void jweIsRefused() {
        String direct = Jwts.builder().claims(claims())
                .encryptWith(Jwts.ENC.A128CBC_HS256.key().build(), Jwts.ENC.A128CBC_HS256).compact();
        // Encrypted to the server's own public key: anyone can make one, so it proves nothing about the sender.
        String toServerKey = Jwts.builder().claims(claims())
                .encryptWith(rsa.getPublic(), Jwts.KEY.RSA_OAEP_256, Jwts.ENC.A256GCM).compact();

        assertThat(direct.split("\\.", -1)).hasSize(5);
        assertRefused(hsAuthenticator(), direct, "algorithm not allowed");
        assertRefused(rsaAuthenticator, toServerKey, "algorithm not allowed");
    }

    // ---- keys and signatures ----

    @Test
    void rs256SignedWithAnotherKeyIsRefused() {
        assertRefused(rsaAuthenticator, sign(claims(), otherRsa.getPrivate(), Jwts.SIG.RS256), "invalid signature");
    }

    @Test
    void es256SignedWithAnotherKeyIsRefused() {
        assertRefused(ecAuthenticator, sign(claims(), otherEc.getPrivate(), Jwts.SIG.ES256), "invalid signature");
    }

    @Test
    void hs256SignedWithAnotherSecretIsRefused() {
        String token = sign(claims(), hmac("another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS256);

        assertRefused(hsAuthenticator(), token, "invalid signature");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = hs256(claims()).split("\\.");
        Map<String, Object> escalated = claims();
        escalated.put("role", "admin");
        String tampered = parts[0] + "." + b64url(toJson(escalated)) + "." + parts[2];

        assertRefused(hsAuthenticator(), tampered, "invalid signature");
    }

    @Test
    void tamperedRs256PayloadIsRefused() {
        String[] parts = sign(claims(), rsa.getPrivate(), Jwts.SIG.RS256).split("\\.");
        Map<String, Object> escalated = claims();
        escalated.put("sub", "someone_else");
        String tampered = parts[0] + "." + b64url(toJson(escalated)) + "." + parts[2];

        assertRefused(rsaAuthenticator, tampered, "invalid signature");
    }

    @Test
    void truncatedEs256SignatureIsRefused() {
        String token = sign(claims(), ec.getPrivate(), Jwts.SIG.ES256);

        assertRefused(ecAuthenticator, token.substring(0, token.length() - 4), "invalid signature");
    }

    @Test
    void strippedSignatureIsRefused() {
        String token = hs256(claims());

        assertRefused(hsAuthenticator(), token.substring(0, token.lastIndexOf('.') + 1), "invalid signature");
    }

    @Test
    void refusalsCarryNothingFromTheToken() {
        // A server that logs the exception with its cause must not log what jjwt says about the token.
        assertThatThrownBy(() -> hsAuthenticator().authenticate(FakeHandshake.authToken(
                Tokens.hs256Json("{\"sub\":\"secret-patient-name\",\"role\":\"patient\",\"exp\":\"x\"}"))))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed token");
                    assertThat(e).hasNoCause().hasMessage("malformed token");
                });
    }

    // ---- structure ----

    @ParameterizedTest
    @ValueSource(strings = {"not-a-jwt", "a.b", "a.b.c.d", "a.b.c.d.e.f", "!!!.e30.c2ln", "e30.e30.c2ln",
            "bm90IGpzb24.e30.c2ln", "W10.e30.c2ln", "eyJhbGciOjF9.e30.c2ln", ".e30.c2ln"})
    void structurallyBrokenTokensAreMalformed(String token) {
        // e30 is {}, W10 is [], bm90IGpzb24 is "not json", eyJhbGciOjF9 is {"alg":1}
        assertRefused(hsAuthenticator(), token, "malformed token");
    }

    @Test
    void duplicateAlgMembersAreMalformed() {
        String valid = hs256(claims());
        String token = b64url("{\"alg\":\"HS256\",\"alg\":\"none\"}") + valid.substring(valid.indexOf('.'));

        assertRefused(hsAuthenticator(), token, "malformed token");
    }

    @Test
    void payloadThatIsNotBase64IsMalformed() {
        String[] parts = hs256(claims()).split("\\.");

        assertRefused(hsAuthenticator(), parts[0] + ".!!!." + parts[2], "malformed token");
    }

    @Test
    void signedPayloadThatIsNotAClaimSetIsMalformed() {
        String token = Jwts.builder().content("hello", "text/plain").signWith(SECRET_KEY, Jwts.SIG.HS256).compact();

        assertRefused(hsAuthenticator(), token, "malformed token");
    }

    @Test
    void oversizedTokenIsMalformed() {
        Map<String, Object> claims = claims();
        claims.put("padding", "x".repeat(JwtAuthenticator.MAX_TOKEN_CHARS));

        assertRefused(hsAuthenticator(), hs256(claims), "malformed token");
    }

    @Test
    void secretServerStillVerifiesWhenKeyIdHeadersPointElsewhere() {
        // jku/jwk/kid are attacker-controlled; the key must come from configuration only.
        String token = Jwts.builder().header().keyId("attacker-key").add("jku", "https://evil.example/jwks").and()
                .claims(claims())
                .signWith(hmac("attacker-chosen-secret-attacker-chosen".getBytes(StandardCharsets.UTF_8)),
                        Jwts.SIG.HS256)
                .compact();

        assertRefused(new JwtAuthenticator(JwtSettings.ofSecret(SECRET, Duration.ZERO), CLOCK), token,
                "invalid signature");
    }

    private static String toJson(Map<String, Object> claims) {
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":");
            json.append(value instanceof String ? "\"" + value + "\"" : String.valueOf(value));
        });
        return json.append('}').toString();
    }
}
