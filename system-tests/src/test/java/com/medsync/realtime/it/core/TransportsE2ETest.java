package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RawEngineIo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Both Engine.IO transports and the upgrade between them, with the official client and raw frames. */
class TransportsE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();


    @ParameterizedTest(name = "transports {0}")
    @ValueSource(strings = {"polling", "websocket", "polling,websocket"})
    void theOfficialClientConnectsJoinsAndReceivesOn(String transports) {
        String user = "patient_" + transports.replace(",", "_");
        Map<String, Object> opts = new HashMap<>(JsClients.auth(live.medsync().patientToken(user)));
        opts.put("transports", List.of(transports.split(",")));
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(), opts);
        socket.awaitConnect();

        assertThat(socket.emitWithAck("join", Map.of("room", "user:" + user)).path(0).path("ok").asBoolean()).isTrue();
        live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"via\":\"" + transports + "\"},\"to\":[\"user:"
                + user + "\"]}");

        assertThat(socket.awaitEventPayload("test:broadcast").path("via").asText()).isEqualTo(transports);
        socket.close();
    }

    @Test
    void aRawPollingSessionUpgradesToWebSocketAndKeepsItsSocket() {
        try (RawEngineIo raw = RawEngineIo.polling(live.medsync().socketPort())) {
            assertThat(raw.open().upgrades()).containsExactly("websocket");
            assertThat(raw.open().maxPayload()).as("protocol 4's open packet carries maxPayload").isEqualTo(1_000_000);
            raw.send("40/patient-pharmacy,{\"token\":\"" + live.medsync().patientToken("patient_upgrade") + "\"}");
            assertThat(raw.awaitFrameStartingWith("40/patient-pharmacy,")).contains("\"sid\"");

            raw.upgradeToWebSocket();
            raw.send("42/patient-pharmacy,5[\"join\",{\"room\":\"user:patient_upgrade\"}]");

            assertThat(raw.awaitFrameStartingWith("43/patient-pharmacy,5")).isEqualTo("43/patient-pharmacy,5[{\"ok\":true}]");
        }
    }

    @Test
    void aPollingPayloadWithSeveralPacketsIsHandledInOrder() {
        try (RawEngineIo raw = RawEngineIo.polling(live.medsync().socketPort())) {
            String token = live.medsync().patientToken("patient_batch");
            raw.send("40/patient-pharmacy,{\"token\":\"" + token + "\"}",
                    "42/patient-pharmacy,1[\"join\",{\"room\":\"user:patient_batch\"}]",
                    "42/patient-pharmacy,2[\"join\",{\"room\":\"lobby\"}]");

            assertThat(raw.awaitFrameStartingWith("40/patient-pharmacy,")).contains("\"sid\"");
            assertThat(raw.awaitFrameStartingWith("43/patient-pharmacy,1")).contains("\"ok\":true");
            assertThat(raw.awaitFrameStartingWith("43/patient-pharmacy,2")).contains("INVALID_ROOM");
        }
    }

    @Test
    void theSocketIdIsNotTheEngineSessionId() {
        try (RawEngineIo raw = RawEngineIo.websocket(live.medsync().socketPort())) {
            raw.send("40/patient-pharmacy,{\"token\":\"" + live.medsync().patientToken("patient_sid") + "\"}");
            String connected = raw.awaitFrameStartingWith("40/patient-pharmacy,");

            assertThat(connected).doesNotContain(raw.sid());
        }
    }
}
