package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Health and Prometheus metrics as an orchestrator and a scraper see them. */
class HealthAndMetricsE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.plain(Map.of());


    @Test
    void liveAndReady() {
        assertThat(live.medsync().get("/health/live").status()).isEqualTo(200);
        EmbeddedMedsync.Response ready = live.medsync().get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("socket").asText()).isEqualTo("UP");
        assertThat(ready.json().path("checks").path("store").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountConnectionsAndAuthFailuresByReason() {
        JsSocket good = live.js().connect(live.medsync().canonicalUrl(), JsClients.auth(live.medsync().patientToken("patient_metrics")));
        good.awaitConnect();
        JsSocket bad = live.js().connect(live.medsync().canonicalUrl(), Map.of("auth", Map.of("token", "x"), "reconnection", false));
        bad.awaitConnectError();

        EmbeddedMedsync.Response metrics = live.medsync().get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("medsync_connections{namespace=\"/patient-pharmacy\"} 1.0")
                .contains("medsync_auth_failures_total{namespace=\"/patient-pharmacy\",reason=\"malformed token\"} 1.0")
                .contains("medsync_handshake_seconds_count{namespace=\"/patient-pharmacy\",outcome=\"accepted\"}")
                .contains("medsync_events_out_total")
                .contains("medsync_delivery_backlog 0.0");
        good.close();
        bad.close();
    }
}
