package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RawEngineIo;
import com.medsync.realtime.it.support.SlowWebSocketReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-client limits as a misbehaving client meets them, each refusal counted in the metrics. */
class LimitsE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents(Map.of(
            "medsync.limits.client-events-per-second", 5,
            "medsync.limits.client-event-burst", 5,
            "medsync.limits.refusals-before-disconnect", 10,
            "medsync.limits.rooms-per-socket", 3,
            "medsync.limits.connections-per-user", 2,
            "medsync.socket.max-payload-bytes", 10_000,
            "medsync.socket.connect-timeout", "1s",
            "medsync.limits.outbound-queue", 20));

    @Test
    void aClientThatStopsPollingIsDroppedBeforeItsQueueGrowsPastTheLimit() {
        try (RawEngineIo slow = RawEngineIo.pollingManual(live.medsync().socketPort())) {
            slow.post("40/patient-pharmacy,{\"token\":\"" + live.medsync().patientToken("patient_slow") + "\"}");
            slow.pollOnce(java.time.Duration.ofSeconds(5));
            slow.awaitFrameStartingWith("40/patient-pharmacy,");

            for (int i = 0; i < 25; i++) {
                live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + i
                        + "},\"to\":[\"user:patient_slow\"]}");
            }

            RawEngineIo.HttpOutcome late = slow.pollOnce(java.time.Duration.ofSeconds(5));
            assertThat(late.status() != 200 || late.body().startsWith("1"))
                    .as("the session was closed, not kept with a growing queue: " + late.status() + " " + late.body())
                    .isTrue();
            assertThat(live.medsync().get("/metrics").body())
                    .contains("medsync_limit_refusals_total{limit=\"outbound-queue\"}");
        }
    }

    /**
     * A WebSocket client that stops reading: once the server's socket buffer is full and its channel holds more than
     * it should (unwritable), more than the outbound queue's worth of events (20 here) sent after that cuts the client
     * off. 1,000 events of 9 KB (one frame each under this server's 10,000-byte frames) are twice what the server's
     * send buffer (at most 4 MB) and the client's receive buffer (4 KB) hold. When it reads again, it gets what was
     * written before the cut, then the close packet.
     */
    @Test
    void aWebSocketClientThatStopsReadingIsCutOffOnceItsChannelHoldsMoreThanTheLimit() throws IOException {
        double refusedBefore = outboundQueueRefusals();
        try (SlowWebSocketReader client = SlowWebSocketReader.connect(live.medsync().socketPort(), "/patient-pharmacy",
                live.medsync().patientToken("patient_ws_slow"))) {
            String pad = "x".repeat(9_000);
            int events = 1_000;
            for (int n = 0; n < events; n++) {
                live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + n + ",\"pad\":\"" + pad
                        + "\"},\"to\":[\"user:patient_ws_slow\"]}");
            }
            Await.until("the client is cut off for the outbound queue", () -> outboundQueueRefusals() > refusedBefore);
            assertThat(outboundQueueRefusals()).as("cut-offs for the outbound queue").isEqualTo(refusedBefore + 1);

            int received = 0;
            String frame = client.frame();
            while (frame != null && frame.startsWith("42/patient-pharmacy,[\"test:broadcast\"")) {
                received++;
                frame = client.frame();
            }
            assertThat(frame).as("after %d events", received).isEqualTo("1");
            assertThat(received).isLessThan(events);
        }
    }

    private static double outboundQueueRefusals() {
        return live.medsync().get("/metrics").body().lines()
                .filter(line -> line.startsWith("medsync_limit_refusals_total{limit=\"outbound-queue\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aConnectionThatNeverAuthenticatesIsClosedAfterTheConnectTimeout() throws InterruptedException {
        try (RawEngineIo silent = RawEngineIo.websocket(live.medsync().socketPort());
                RawEngineIo refused = RawEngineIo.polling(live.medsync().socketPort());
                RawEngineIo good = RawEngineIo.websocket(live.medsync().socketPort())) {
            refused.send("40/patient-pharmacy,{\"token\":\"bad\"}");
            good.send("40/patient-pharmacy,{\"token\":\"" + live.medsync().patientToken("patient_timely") + "\"}");
            good.awaitFrameStartingWith("40/patient-pharmacy,");

            silent.awaitClose(java.time.Duration.ofSeconds(5));
            refused.awaitFrameStartingWith("1", java.time.Duration.ofSeconds(5));
            Thread.sleep(500);
            assertThat(good.isClosed()).as("an authenticated connection stays").isFalse();
        }
    }

    @Test
    void aWebSocketFrameOverTheMaximumPayloadClosesOnlyThatConnection() {
        JsSocket bystander = connect(live.medsync().patientToken("patient_payload_bystander"));
        try (RawEngineIo raw = RawEngineIo.websocket(live.medsync().socketPort())) {
            raw.send("40/patient-pharmacy,{\"token\":\"" + live.medsync().patientToken("patient_big") + "\"}");
            raw.awaitFrameStartingWith("40/patient-pharmacy,");

            raw.sendExpectingClose("42/patient-pharmacy,[\"join\",{\"room\":\"" + "x".repeat(20_000) + "\"}]");

            raw.awaitClose(java.time.Duration.ofSeconds(5));
        }
        assertThat(bystander.emitWithAck("join", Map.of("room", "user:patient_payload_bystander")).path(0).path("ok")
                .asBoolean()).isTrue();
        bystander.close();
    }

    @Test
    void aPollingBodyOverTheMaximumPayloadIsRefused() {
        try (RawEngineIo raw = RawEngineIo.polling(live.medsync().socketPort())) {
            java.net.http.HttpResponse<String> response = raw.post("4" + "x".repeat(20_000));

            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    private static JsSocket connect(String token) {
        Map<String, Object> opts = new HashMap<>(JsClients.auth(token));
        opts.put("reconnection", false);
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(), opts);
        socket.awaitConnect();
        return socket;
    }

    private static String code(JsonNode ack) {
        return ack.path(0).path("error").path("code").asText();
    }

    @Test
    void eventsOverTheRateAreDroppedWithRateLimited() {
        JsSocket socket = connect(live.medsync().patientToken("patient_rate"));

        for (int i = 0; i < 5; i++) {
            assertThat(socket.emitWithAck("join", Map.of("room", "user:patient_rate")).path(0).path("ok").asBoolean())
                    .as("event %d of the burst", i + 1).isTrue();
        }
        assertThat(code(socket.emitWithAck("join", Map.of("room", "user:patient_rate")))).isEqualTo("RATE_LIMITED");
        assertThat(live.medsync().get("/metrics").body()).contains("medsync_limit_refusals_total{limit=\"client-events\"}");
        socket.close();
    }

    @Test
    void aClientThatKeepsFloodingIsDisconnected() {
        JsSocket flooder = connect(live.medsync().patientToken("patient_flood"));
        JsSocket bystander = connect(live.medsync().patientToken("patient_bystander"));

        for (int i = 0; i < 40; i++) {
            flooder.emit("join", Map.of("room", "user:patient_flood"));
        }

        assertThat(flooder.awaitDisconnect()).isEqualTo("transport close");
        assertThat(bystander.emitWithAck("join", Map.of("room", "user:patient_bystander")).path(0).path("ok")
                .asBoolean()).as("nobody else is affected").isTrue();
        bystander.close();
    }

    @Test
    void aSocketJoinsAtMostItsRoomLimit() {
        JsSocket socket = connect(live.medsync().patientToken("patient_rooms", "chat:r1", "chat:r2", "chat:r3"));

        assertThat(socket.emitWithAck("join", Map.of("room", "chat:r1")).path(0).path("ok").asBoolean()).isTrue();
        assertThat(socket.emitWithAck("join", Map.of("room", "chat:r2")).path(0).path("ok").asBoolean()).isTrue();
        JsonNode refused = socket.emitWithAck("join", Map.of("room", "chat:r3"));

        assertThat(code(refused)).as("user room + 2 joined = 3").isEqualTo("FORBIDDEN");
        assertThat(refused.path(0).path("error").path("message").asText()).contains("as many rooms");
        assertThat(socket.emitWithAck("leave", Map.of("room", "chat:r1")).path(0).path("ok").asBoolean()).isTrue();
        assertThat(socket.emitWithAck("join", Map.of("room", "chat:r3")).path(0).path("ok").asBoolean()).isTrue();
        socket.close();
    }

    @Test
    void aUserHasAtMostItsConnectionLimit() {
        String token = live.medsync().patientToken("patient_many");
        JsSocket first = connect(token);
        connect(token);

        JsSocket third = live.js().connect(live.medsync().canonicalUrl(), Map.of("auth", Map.of("token", token),
                "reconnection", false));

        assertThat(third.awaitConnectError().message()).isEqualTo("Too many connections for this user (at most 2)");
        first.close();
        Await.until("the first connection is released", () -> {
            JsSocket again = live.js().connect(live.medsync().canonicalUrl(), Map.of("auth", Map.of("token", token),
                    "reconnection", false));
            try {
                again.awaitConnect(java.time.Duration.ofSeconds(2));
                return true;
            } catch (AssertionError e) {
                return false;
            }
        });
    }
}
