package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.spi.auth.Role;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Rooms as clients see them: automatic rooms, join/leave with acks, isolation, one delivery per socket. */
class RoomsE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();

    private static final Duration QUIET = Duration.ofMillis(300);


    private JsSocket connect(String token) {
        JsSocket socket = live.js().connect(live.medsync().canonicalUrl(), JsClients.auth(token));
        socket.awaitConnect();
        return socket;
    }

    private void broadcast(String payload, String... rooms) {
        String to = String.join("\",\"", rooms);
        EmbeddedMedsync.Response response = live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":" + payload
                + ",\"to\":[\"" + to + "\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private static void assertOk(JsonNode ack) {
        assertThat(ack.path(0).path("ok").asBoolean()).as(ack.toString()).isTrue();
    }

    private static void assertError(JsonNode ack, String code) {
        assertThat(ack.path(0).path("ok").asBoolean()).as(ack.toString()).isFalse();
        assertThat(ack.path(0).path("error").path("code").asText()).as(ack.toString()).isEqualTo(code);
        assertThat(ack.path(0).path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void aSocketIsInItsUserRoomAndItsPharmacyRoomFromTheStart() {
        JsSocket staff = connect(live.medsync().pharmacyToken("staff_auto", "pharmacy_auto"));

        broadcast("{\"n\":1}", "user:staff_auto");
        broadcast("{\"n\":2}", "pharmacy:pharmacy_auto");

        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(1);
        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(2);
        staff.close();
    }

    @Test
    void joinAndLeaveAnswerWithAcksAndChangeWhatArrives() {
        JsSocket patient = connect(live.medsync().patientToken("patient_join", "chat:room_join"));

        assertOk(patient.emitWithAck("join", Map.of("room", "chat:room_join")));
        broadcast("{\"n\":1}", "chat:room_join");
        assertThat(patient.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(1);

        assertOk(patient.emitWithAck("leave", Map.of("room", "chat:room_join")));
        broadcast("{\"n\":2}", "chat:room_join");
        patient.assertNoEvent("test:broadcast", QUIET);
        patient.close();
    }

    @Test
    void aRefusedJoinIsForbiddenAndDoesNotJoin() {
        JsSocket patient = connect(live.medsync().patientToken("patient_nosy"));

        assertError(patient.emitWithAck("join", Map.of("room", "pharmacy:pharmacy_other")), "FORBIDDEN");
        assertError(patient.emitWithAck("join", Map.of("room", "user:somebody_else")), "FORBIDDEN");
        assertError(patient.emitWithAck("join", Map.of("room", "chat:room_private")), "FORBIDDEN");
        assertError(patient.emitWithAck("join", Map.of("room", "dispatch:dispatch_1")), "FORBIDDEN");

        broadcast("{\"n\":1}", "pharmacy:pharmacy_other", "user:somebody_else", "chat:room_private",
                "dispatch:dispatch_1");
        patient.assertNoEvent("test:broadcast", QUIET);
        patient.close();
    }

    @Test
    void roomNamesOutsideTheGrammarAreInvalid() {
        JsSocket patient = connect(live.medsync().patientToken("patient_grammar"));

        for (String bad : new String[] {"lobby", "chat:", "chat:has space", "orders:1", "user:" + "x".repeat(129),
                "pharmacy:p1:extra"}) {
            assertError(patient.emitWithAck("join", Map.of("room", bad)), "INVALID_ROOM");
        }
        assertError(patient.emitWithAck("leave", Map.of("room", "lobby")), "INVALID_ROOM");
        patient.close();
    }

    @Test
    void payloadsOfTheWrongShapeAreBadRequests() {
        JsSocket patient = connect(live.medsync().patientToken("patient_shape"));

        assertError(patient.emitWithAck("join", "pharmacy:pharmacy_1"), "BAD_REQUEST");
        assertError(patient.emitWithAck("join", Map.of("room", 42)), "BAD_REQUEST");
        assertError(patient.emitWithAck("join", Map.of("roomId", "x")), "BAD_REQUEST");
        assertError(patient.emitWithAck("no-such-event", Map.of()), "BAD_REQUEST");
        // The connection survives all of it.
        assertOk(patient.emitWithAck("join", Map.of("room", "user:patient_shape")));
        patient.close();
    }

    @Test
    void adminsMayJoinAnyPharmacyRoom() {
        JsSocket admin = connect(live.medsync().token("admin_1", Role.ADMIN, Optional.empty()));

        assertOk(admin.emitWithAck("join", Map.of("room", "pharmacy:pharmacy_watch")));
        broadcast("{\"n\":1}", "pharmacy:pharmacy_watch");
        assertThat(admin.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(1);
        admin.close();
    }

    @Test
    void roomsAreIsolated() {
        JsSocket pharmacyA = connect(live.medsync().pharmacyToken("staff_a", "pharmacy_a"));
        JsSocket pharmacyB = connect(live.medsync().pharmacyToken("staff_b", "pharmacy_b"));

        live.medsync().publish("{\"event\":\"test:pharmacy\",\"data\":{\"pharmacyId\":\"pharmacy_a\"}}");

        assertThat(pharmacyA.awaitEventPayload("test:pharmacy").path("pharmacyId").asText()).isEqualTo("pharmacy_a");
        pharmacyB.assertNoEvent("test:pharmacy", QUIET);
        pharmacyA.close();
        pharmacyB.close();
    }

    @Test
    void aSocketInSeveralTargetRoomsGetsTheEventOnce() {
        JsSocket staff = connect(live.medsync().pharmacyToken("staff_once", "pharmacy_once", "chat:room_once"));
        assertOk(staff.emitWithAck("join", Map.of("room", "chat:room_once")));

        broadcast("{\"n\":1}", "user:staff_once", "pharmacy:pharmacy_once", "chat:room_once");
        broadcast("{\"n\":2}", "user:staff_once");

        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(1);
        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asInt())
                .as("the second event, not a copy of the first").isEqualTo(2);
        staff.close();
    }

    @Test
    void theRoomsOfADisconnectedSocketNoLongerReachIt() {
        JsSocket first = connect(live.medsync().patientToken("patient_twice"));
        JsSocket second = connect(live.medsync().patientToken("patient_twice"));
        first.close();
        live.js().sync();

        broadcast("{\"n\":1}", "user:patient_twice");

        assertThat(second.awaitEventPayload("test:broadcast").path("n").asInt()).isEqualTo(1);
        first.assertNoEvent("test:broadcast", QUIET);
        second.close();
    }
}
