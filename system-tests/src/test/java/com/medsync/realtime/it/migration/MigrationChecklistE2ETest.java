package com.medsync.realtime.it.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.fixture.FeaturePlugins;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document's "Backend Team Testing" and "Technical Success" checklists, one test per line, with
 * the five feature plugins as they ship and the official JavaScript client, through the three weeks of the
 * migration. The tests run in order: the last ones move the server from week1 to week3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationChecklistE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(400);

    static final String ORDER_NEW = """
            {"id":"order_123","drugName":"Paracetamol","quantity":2,"status":"PENDING",
             "patient":{"id":"patient_456","phone":"+2348000000000"},
             "pharmacy":{"id":"pharmacy_789","name":"MedSync Pharmacy"},"createdAt":"2024-12-20T10:30:00Z"}""";
    static final String ORDER_UPDATED = """
            {"id":"order_123","status":"CONFIRMED","updatedAt":"2024-12-20T10:35:00Z"}""";
    static final String DISPATCH_IN_TRANSIT = """
            {"dispatch":{"id":"dispatch_123","orderId":"order_123","status":"IN_TRANSIT","provider":"kwik",
             "trackingUrl":"https://track.example/abc","otp":"1234","updatedAt":"2024-12-20T10:40:00Z"}}""";
    static final String CHAT_MESSAGE = """
            {"id":"msg_123","roomId":"room_456","senderId":"user_789","senderType":"patient",
             "content":"Hello world","messageType":"TEXT","createdAt":"2024-12-20T10:30:00Z"}""";

    private static EmbeddedMedsync medsync;
    private static JsClients js;
    private static JsSocket pharmacyCanonical;
    private static JsSocket patientCanonical;
    private static JsSocket pharmacyLegacy;
    private static JsSocket otherPharmacy;

    @BeforeAll
    static void week1() throws Exception {
        Map<String, Object> settings = FeaturePlugins.allInPhase("week1");
        medsync = EmbeddedMedsync.start(settings);
        js = new JsClients();
        pharmacyCanonical = connect(medsync.canonicalUrl(), medsync.pharmacyToken("staff_1", "pharmacy_789",
                "chat:room_456"));
        patientCanonical = connect(medsync.canonicalUrl(), medsync.patientToken("patient_456", "chat:room_456"));
        pharmacyLegacy = connect(medsync.url("/"), medsync.pharmacyToken("staff_2", "pharmacy_789"));
        otherPharmacy = connect(medsync.canonicalUrl(), medsync.pharmacyToken("staff_9", "pharmacy_other"));
    }

    @AfterAll
    static void stop() {
        js.close();
        medsync.close();
    }

    private static JsSocket connect(String url, String token) {
        return js.connectOnce(url, token);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static void publish(String event, String data) {
        Response response = medsync.publish("{\"event\":\"" + event + "\",\"data\":" + data + "}");
        assertThat(response.status()).as(event + ": " + response.body()).isEqualTo(202);
    }

    /** The payload of the first {@code event} whose member at {@code pointer} (such as /id) has {@code value}. */
    private static JsonNode awaitWhere(JsSocket socket, String event, String pointer, String value) {
        return socket.await(event + " with " + pointer + " = " + value, Duration.ofSeconds(5),
                e -> "event".equals(e.path("type").asText()) && event.equals(e.path("event").asText())
                        && value.equals(e.path("args").path(0).at(pointer).asText())).path("args").path(0);
    }

    private static boolean ok(JsonNode ack) {
        return ack.path(0).path("ok").asBoolean();
    }

    @Test
    @Order(1)
    void dualNamespaceSupportWorking() {
        JsonNode plugins = medsync.admin("GET", "/admin/plugins", null).json();
        for (String id : FeaturePlugins.ALL) {
            assertThat(plugins.toString()).as(id).contains("\"id\":\"" + id + "\"");
        }
        assertThat(medsync.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("week1");
        assertThat(pharmacyLegacy.events().get(0).path("type").asText()).isEqualTo("connect");
        assertThat(pharmacyCanonical.events().get(0).path("type").asText()).isEqualTo("connect");
    }

    @Test
    @Order(2)
    void canonicalEventsBeingEmittedCorrectly() throws Exception {
        publish("order:new", ORDER_NEW);
        assertThat(pharmacyCanonical.awaitEventPayload("order:new")).isEqualTo(json(ORDER_NEW));
        assertThat(patientCanonical.awaitEventPayload("order:new")).isEqualTo(json(ORDER_NEW));

        publish("order:updated", ORDER_UPDATED);
        assertThat(pharmacyCanonical.awaitEventPayload("order:updated")).isEqualTo(json(ORDER_UPDATED));
        assertThat(patientCanonical.awaitEventPayload("order:updated")).isEqualTo(json(ORDER_UPDATED));

        publish("dispatch:updated", DISPATCH_IN_TRANSIT);
        assertThat(patientCanonical.awaitEventPayload("dispatch:updated")).isEqualTo(json(DISPATCH_IN_TRANSIT));
        assertThat(pharmacyCanonical.awaitEventPayload("dispatch:updated")).isEqualTo(json(DISPATCH_IN_TRANSIT));
        assertThat(ok(patientCanonical.emitWithAck("join", Map.of("room", "dispatch:dispatch_123"))))
                .as("the order's patient may join its dispatch room").isTrue();

        assertThat(ok(pharmacyCanonical.emitWithAck("chat:join", Map.of("roomId", "room_456")))).isTrue();
        publish("chat:message", CHAT_MESSAGE);
        assertThat(pharmacyCanonical.awaitEventPayload("chat:message")).isEqualTo(json(CHAT_MESSAGE));
    }

    @Test
    @Order(3)
    void legacyEventsStillWorking() throws Exception {
        publish("order:new", ORDER_NEW.replace("order_123", "order_124"));
        List<String> expected = List.of("order:new", "order:created");
        assertThat(awaitWhere(pharmacyLegacy, "order:new", "/id", "order_124")).isNotNull();
        assertThat(awaitWhere(pharmacyLegacy, "order:created", "/id", "order_124")).isNotNull();

        publish("order:updated", ORDER_UPDATED.replace("order_123", "order_124"));
        assertThat(awaitWhere(pharmacyLegacy, "order:updated", "/id", "order_124")).isEqualTo(
                json(ORDER_UPDATED.replace("order_123", "order_124")));
        assertThat(awaitWhere(pharmacyLegacy, "order:status-updated", "/id", "order_124")).isEqualTo(
                json(ORDER_UPDATED.replace("order_123", "order_124")));

        String delivered = DISPATCH_IN_TRANSIT.replace("dispatch_123", "dispatch_124").replace("order_123", "order_124")
                .replace("IN_TRANSIT", "DELIVERED");
        publish("dispatch:updated", delivered);
        for (String name : List.of("dispatch:updated", "dispatch:update", "delivery:status_changed",
                "delivery:completed")) {
            assertThat(awaitWhere(pharmacyLegacy, name, "/dispatch/id", "dispatch_124")).as(name)
                    .isEqualTo(json(delivered));
        }
        List<String> legacyNames = pharmacyLegacy.eventNames();
        assertThat(legacyNames.subList(legacyNames.indexOf("order:new"), legacyNames.indexOf("order:new") + 2))
                .as("each canonical event is followed by its alias").containsExactlyElementsOf(expected);
    }

    @Test
    @Order(4)
    void roomJoinLeaveFunctionality() {
        assertThat(ok(pharmacyCanonical.emitWithAck("join", Map.of("room", "pharmacy:pharmacy_789")))).isTrue();
        assertThat(pharmacyCanonical.emitWithAck("join", Map.of("room", "pharmacy:pharmacy_other"))
                .path(0).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(otherPharmacy.emitWithAck("join", Map.of("room", "dispatch:dispatch_123"))
                .path(0).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(ok(patientCanonical.emitWithAck("chat:join", Map.of("roomId", "room_456")))).isTrue();
        assertThat(ok(patientCanonical.emitWithAck("chat:leave", Map.of("roomId", "room_456")))).isTrue();
        publish("chat:message", CHAT_MESSAGE.replace("msg_123", "msg_after_leave"));
        assertThat(awaitWhere(pharmacyCanonical, "chat:message", "/id", "msg_after_leave")).isNotNull();
        patientCanonical.assertNoEvent("chat:message", QUIET);
        assertThat(ok(patientCanonical.emitWithAck("chat:join", Map.of("roomId", "room_456")))).isTrue();
    }

    @Test
    @Order(5)
    void jwtAuthenticationWorking() {
        JsSocket legacy = connect(medsync.url("/"), medsync.patientToken("patient_jwt"));
        JsSocket canonical = connect(medsync.canonicalUrl(), medsync.patientToken("patient_jwt"));
        assertThat(legacy.eventNames()).isEmpty();
        assertThat(canonical.eventNames()).isEmpty();
        legacy.close();
        canonical.close();
    }

    @Test
    @Order(6)
    void typingIndicatorsWorking() {
        pharmacyCanonical.emit("chat:typing", Map.of("roomId", "room_456", "isTyping", true, "userId", "forged"));

        JsonNode typing = patientCanonical.awaitEventPayload("chat:typing");
        assertThat(typing.path("roomId").asText()).isEqualTo("room_456");
        assertThat(typing.path("userId").asText()).as("from the token, never the payload").isEqualTo("staff_1");
        assertThat(typing.path("isTyping").asBoolean()).isTrue();
        pharmacyCanonical.assertNoEvent("chat:typing", QUIET);
        pharmacyCanonical.emit("chat:typing", Map.of("roomId", "room_456", "isTyping", false));
        assertThat(patientCanonical.awaitEventPayload("chat:typing").path("isTyping").asBoolean()).isFalse();
    }

    @Test
    @Order(7)
    void errorHandlingForInvalidTokens() {
        for (String url : List.of(medsync.canonicalUrl(), medsync.url("/"))) {
            JsSocket refused = js.connect(url, Map.of("auth", Map.of("token", "invalid"), "reconnection", false));
            assertThat(refused.awaitConnectError().message()).contains("Authentication");
        }
    }

    @Test
    @Order(8)
    void noDuplicateEvents() throws Exception {
        // The patient is in user:patient_456 and dispatch:dispatch_123, both targets of this event.
        String again = DISPATCH_IN_TRANSIT.replace("IN_TRANSIT", "ARRIVED");
        publish("dispatch:updated", again);
        assertThat(awaitWhere(patientCanonical, "dispatch:updated", "/dispatch/status", "ARRIVED")).isEqualTo(json(again));
        Thread.sleep(QUIET.toMillis());
        assertThat(patientCanonical.events().stream().filter(e -> "dispatch:updated".equals(e.path("event").asText())
                && "ARRIVED".equals(e.path("args").path(0).at("/dispatch/status").asText())).count())
                .as("one socket in several target rooms gets the event once").isEqualTo(1);
        assertThat(patientCanonical.eventNames()).doesNotContain("dispatch:update", "delivery:status_changed",
                "order:created", "new-message");
    }

    @Test
    @Order(9)
    void properRoomIsolation() {
        publish("order:new", ORDER_NEW.replace("order_123", "order_iso"));
        pharmacyCanonical.awaitEventPayload("order:new");
        otherPharmacy.assertNoEvent("order:new", QUIET);
        assertThat(otherPharmacy.eventNames()).doesNotContain("order:new", "order:updated", "dispatch:updated",
                "chat:message");
    }

    @Test
    @Order(10)
    void week2StragglersOnTheLegacyNamespaceAreStillServed() {
        assertThat(medsync.admin("POST", "/admin/phases/week2/apply", null).status()).isEqualTo(200);

        publish("order:updated", ORDER_UPDATED.replace("CONFIRMED", "READY"));
        assertThat(awaitWhere(pharmacyLegacy, "order:status-updated", "/status", "READY")).isNotNull();
        assertThat(awaitWhere(pharmacyCanonical, "order:updated", "/status", "READY")).isNotNull();
    }

    @Test
    @Order(11)
    void zeroDowntimeWeek3RemovesTheLegacyNamespaceOnly() {
        Response week3 = medsync.admin("POST", "/admin/phases/week3/apply", null);
        assertThat(week3.status()).as(week3.body()).isEqualTo(200);

        assertThat(pharmacyLegacy.awaitDisconnect()).isEqualTo("io server disconnect");
        publish("order:updated", ORDER_UPDATED.replace("CONFIRMED", "DISPATCHED"));
        assertThat(awaitWhere(pharmacyCanonical, "order:updated", "/status", "DISPATCHED")).isNotNull();
        assertThat(pharmacyCanonical.eventNames()).doesNotContain("disconnect");
        JsSocket late = js.connect(medsync.url("/"), Map.of("auth", Map.of("token",
                medsync.pharmacyToken("staff_3", "pharmacy_789")), "reconnection", false));
        assertThat(late.awaitConnectError().message()).isEqualTo("Invalid namespace");
    }

    @Test
    @Order(12)
    void allRealtimeFeaturesWorkingInWeek3() throws Exception {
        publish("chat:message", CHAT_MESSAGE.replace("msg_123", "msg_week3"));
        assertThat(awaitWhere(patientCanonical, "chat:message", "/id", "msg_week3")).isNotNull();
        assertThat(patientCanonical.eventNames()).doesNotContain("new-message");
    }
}
