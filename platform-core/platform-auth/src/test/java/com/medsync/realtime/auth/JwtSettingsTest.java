package com.medsync.realtime.auth;

import static com.medsync.realtime.auth.Tokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings validation and the public key file: everything that must stop the server at start-up. */
class JwtSettingsTest {

    @TempDir
    Path dir;

    private static JwtSettings settings(Optional<String> secret, Optional<Path> key) {
        return new JwtSettings(secret, key, Optional.empty(), Optional.empty(), Duration.ZERO);
    }

    @Test
    void shortSecretIsRejected() {
        assertThatThrownBy(() -> JwtSettings.ofSecret("x".repeat(31), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MEDSYNC_JWT_SECRET must be at least 32 bytes");
    }

    @Test
    void secretLengthIsCountedInUtf8Bytes() {
        // 11 euro signs are 11 chars but 33 bytes.
        assertThatCode(() -> JwtSettings.ofSecret("\u20ac".repeat(11), Duration.ZERO)).doesNotThrowAnyException();
        assertThatCode(() -> JwtSettings.ofSecret("x".repeat(32), Duration.ZERO)).doesNotThrowAnyException();
    }

    @Test
    void secretAndKeyTogetherAreRejected() {
        assertThatThrownBy(() -> settings(Optional.of(SECRET), Optional.of(dir.resolve("key.pem"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set MEDSYNC_JWT_SECRET or MEDSYNC_JWT_PUBLIC_KEY, not both");
    }

    @Test
    void neitherSecretNorKeyIsRejected() {
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set one of MEDSYNC_JWT_SECRET or MEDSYNC_JWT_PUBLIC_KEY");
    }

    @Test
    void negativeSkewIsRejected() {
        assertThatThrownBy(() -> JwtSettings.ofSecret(SECRET, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock skew");
    }

    @Test
    void blankIssuerOrAudienceIsRejected() {
        assertThatThrownBy(() -> new JwtSettings(Optional.of(SECRET), Optional.empty(), Optional.of(" "),
                Optional.empty(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> new JwtSettings(Optional.of(SECRET), Optional.empty(), Optional.empty(),
                Optional.of(""), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audience");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(JwtSettings.ofSecret(SECRET, Duration.ZERO).toString()).doesNotContain(SECRET).contains("redacted");
    }

    // ---- the public key file ----

    @Test
    void missingKeyFileIsNamed() {
        Path missing = dir.resolve("missing.pem");

        assertKeyRejected(missing, "no such file");
    }

    @Test
    void unreadableKeyFileIsNamed() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("a-directory.pem"));

        assertKeyRejected(directory, "cannot be read");
    }

    @Test
    void fileThatIsNotPemIsRejected() throws Exception {
        assertKeyRejected(write("garbage.pem", "hello"), "is not PEM");
    }

    @Test
    void derFileIsRejected() throws Exception {
        Path der = Files.write(dir.resolve("key.der"), TestKeys.rsa(2048).getPublic().getEncoded());

        assertKeyRejected(der, "is not PEM");
    }

    @Test
    void privateKeyIsRejected() throws Exception {
        assertKeyRejected(write("private.pem", TestKeys.pem("PRIVATE KEY", TestKeys.rsa(2048).getPrivate())),
                "private key");
    }

    @Test
    void pkcs1RsaKeyIsRejectedWithAHint() throws Exception {
        assertKeyRejected(write("pkcs1.pem", TestKeys.pem("RSA PUBLIC KEY", TestKeys.rsa(2048).getPublic())),
                "PKCS#1");
    }

    @Test
    void badBase64IsRejected() throws Exception {
        assertKeyRejected(write("b64.pem", "-----BEGIN PUBLIC KEY-----\n%%%%\n-----END PUBLIC KEY-----\n"),
                "invalid Base64");
    }

    @Test
    void publicKeyBlockThatIsNotAKeyIsRejected() throws Exception {
        assertKeyRejected(write("junk.pem", "-----BEGIN PUBLIC KEY-----\naGVsbG8=\n-----END PUBLIC KEY-----\n"),
                "not an RSA or EC public key");
    }

    @Test
    void weakRsaKeyIsRejected() throws Exception {
        assertKeyRejected(TestKeys.writePublicKeyPem(dir, "rsa1024.pem", TestKeys.rsa(1024).getPublic()),
                "1024-bit RSA key");
    }

    @Test
    void ecKeyOnAnotherCurveIsRejected() throws Exception {
        assertKeyRejected(TestKeys.writePublicKeyPem(dir, "p384.pem", TestKeys.ec("secp384r1").getPublic()),
                "not on curve P-256");
    }

    @Test
    void pemWithSurroundingTextIsAccepted() throws Exception {
        // openssl and key managers often prepend "Bag Attributes" or comments.
        Path file = write("chatty.pem", "comment line\n" + TestKeys.pem("PUBLIC KEY", TestKeys.rsa(2048).getPublic()));

        assertThat(new JwtAuthenticator(JwtSettings.ofPublicKey(file, Duration.ZERO)).algorithm()).isEqualTo("RS256");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static void assertKeyRejected(Path file, String problem) {
        assertThatThrownBy(() -> new JwtAuthenticator(JwtSettings.ofPublicKey(file, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MEDSYNC_JWT_PUBLIC_KEY file " + file)
                .hasMessageContaining(problem);
    }
}
