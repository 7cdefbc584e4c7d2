package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kwik's status codes, payloads and settings. */
class KwikMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, PENDING", "1, IN_TRANSIT", "2, DELIVERED", "3, FAILED", "4, ARRIVED", "6, PENDING",
            "7, ASSIGNED", "8, PENDING", "9, CANCELLED", "10, CANCELLED"})
    void mapsEveryDocumentedCode(int code, DispatchStatus canonical) {
        assertThat(KwikStatus.ofCode(code)).get().extracting(KwikStatus::canonical).isEqualTo(canonical);
    }

    @Test
    void refusesUndocumentedCodes() {
        assertThat(KwikStatus.ofCode(5)).isEmpty();
        assertThat(KwikStatus.ofCode(11)).isEmpty();
    }

    @Test
    void readsAWebhookBody() throws Exception {
        DispatchReport report = KwikJob.read(JSON.readTree("""
                {"job_id": 991, "unique_order_id": "dispatch_1", "job_status": "4",
                 "tracking_link": "https://kwik.example/t/991", "otp": "1234"}"""), null).toReport();

        assertThat(report).isEqualTo(new DispatchReport("dispatch_1", null, DispatchStatus.ARRIVED,
                "https://kwik.example/t/991", "1234", null, "991"));
    }

    @Test
    void namesWhatIsWrongWithABody() {
        assertThatThrownBy(() -> KwikJob.read(JSON.readTree("{\"job_status\": 1}"), null))
                .hasMessageContaining("unique_order_id");
        assertThatThrownBy(() -> KwikJob.read(JSON.readTree("{\"unique_order_id\": \"d\", \"job_status\": 5}"), null))
                .hasMessageContaining("5");
        assertThatThrownBy(() -> KwikJob.read(JSON.readTree("{\"unique_order_id\": \"d\"}"), null))
                .hasMessageContaining("job_status");
        assertThatThrownBy(() -> KwikJob.read(JSON.readTree("{\"unique_order_id\": \"d\", \"job_status\": 1.5}"),
                null)).hasMessageContaining("job_status");
    }

    @Test
    void signaturesAreHexHmacSha256OfTheRawBody() {
        KwikSignature signature = new KwikSignature("key");
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes();
        // RFC 4231-style known answer (HMAC-SHA256, key "key").
        String expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

        assertThat(signature.sign(body)).isEqualTo(expected);
        assertThat(signature.matches(body, expected)).isTrue();
        assertThat(signature.matches(body, expected.toUpperCase())).isTrue();
        assertThat(signature.matches(body, expected.replace('f', 'e'))).isFalse();
        assertThat(signature.matches(body, null)).isFalse();
        assertThat(signature.matches("other".getBytes(), expected)).isFalse();
    }

    @Test
    void theSecretIsRequiredAndTheApiSettingsAreAllOrNothing() throws Exception {
        String complete = "{\"base-url\": \"https://api.kwik.example/\", \"email\": \"a@b.c\", \"password\": \"p\","
                + " \"webhook-secret\": \"s\"}";
        KwikSettings settings = KwikSettings.from(JSON.readTree(complete));
        assertThat(settings.baseUrl().toString()).isEqualTo("https://api.kwik.example");
        assertThat(settings.toString()).doesNotContain("\"p\"").doesNotContain("password=");

        for (String key : new String[] {"base-url", "email", "password", "webhook-secret"}) {
            var config = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(complete);
            config.remove(key);
            assertThatThrownBy(() -> KwikSettings.from(config))
                    .hasMessageContaining("medsync.plugin-config.dispatch-kwik." + key);
        }
        KwikSettings webhooksOnly = KwikSettings.from(JSON.readTree("{\"webhook-secret\": \"s\"}"));
        assertThat(webhooksOnly.polling()).isFalse();
        assertThat(settings.polling()).isTrue();
        var ftp = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(complete);
        ftp.put("base-url", "ftp://kwik");
        assertThatThrownBy(() -> KwikSettings.from(ftp)).hasMessageContaining("base-url");
    }
}
