package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/events} over real HTTP, with real sockets receiving what it accepts. */
class PublishApiE2ETest {

    private static final int MAX_BODY = 4096;

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents(Map.of("medsync.http.max-body-bytes", MAX_BODY));

    private static JsSocket staff;

    @BeforeAll
    static void connectStaff() {
        staff = live.js().connect(live.medsync().canonicalUrl(),
                JsClients.auth(live.medsync().pharmacyToken("staff_pub", "pharmacy_pub")));
        staff.awaitConnect();
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("error").path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void anAcceptedEventIsAnswered202AndDeliveredAsPublished() {
        String data = "{\"pharmacyId\":\"pharmacy_pub\",\"nested\":{\"list\":[1,\"two\",null]},\"phone\":\"+234 80\"}";
        Response response = live.medsync().publish("{\"event\":\"test:pharmacy\",\"data\":" + data + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().fieldNames()).toIterable()
                .containsExactly("event", "id", "accepted", "duplicate", "rooms");
        assertThat(response.json().path("event").asText()).isEqualTo("test:pharmacy");
        assertThat(response.json().path("id").asText()).isNotBlank();
        assertThat(response.json().path("accepted").asBoolean()).isTrue();
        assertThat(response.json().path("duplicate").asBoolean()).isFalse();
        assertThat(response.json().path("rooms").toString()).contains("pharmacy:pharmacy_pub");
        JsonNode received = staff.awaitEventPayload("test:pharmacy");
        assertThat(received.toString()).isEqualTo(data);
    }

    @Test
    void withoutTheRightKeyIt401s() {
        String body = "{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"pharmacy:pharmacy_pub\"]}";
        assertError(live.medsync().http("POST", "/api/v1/events", body, Map.of()), 401, "UNAUTHORIZED");
        Response wrong = live.medsync().http("POST", "/api/v1/events", body, Map.of("Authorization", "Bearer nope"));
        assertError(wrong, 401, "UNAUTHORIZED");
        assertThat(wrong.body()).doesNotContain("nope");
        staff.assertNoEvent("test:broadcast", Duration.ofMillis(300));
    }

    @Test
    void malformedJsonOrEnvelopeIs400() {
        assertError(live.medsync().publish("{\"event\":"), 400, "MALFORMED_JSON");
        assertError(live.medsync().publish("[]"), 400, "MALFORMED");
        assertError(live.medsync().publish("{\"event\":\"test:broadcast\"}"), 400, "MALFORMED");
        Response badRoom = live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{},\"to\":[\"lobby\"]}");
        assertError(badRoom, 400, "MALFORMED");
        assertThat(badRoom.json().path("error").path("field").asText()).isEqualTo("to[0]");
    }

    @Test
    void anEventNoStartedPluginOwnsIs404() {
        Response response = live.medsync().publish("{\"event\":\"order:new\",\"data\":{\"id\":\"order_1\"}}");

        assertError(response, 404, "UNKNOWN_EVENT");
        assertThat(response.json().path("error").path("message").asText()).contains("order:new");
    }

    @Test
    void aContractViolationIs422AndNamesTheField() {
        Response response = live.medsync().publish("{\"event\":\"test:pharmacy\",\"data\":{\"pharmacyId\":7}}");

        assertError(response, 422, "CONTRACT_VIOLATION");
        assertThat(response.json().path("error").path("field").asText()).isEqualTo("data.pharmacyId");
    }

    @Test
    void roomsThatCannotBeDerivedAre422() {
        Response response = live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{}}");

        assertError(response, 422, "NO_ROOMS");
        assertThat(response.json().path("error").path("field").asText()).isEqualTo("to");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"event\":\"test:broadcast\",\"data\":{\"x\":\"" + "a".repeat(MAX_BODY) + "\"},"
                + "\"to\":[\"pharmacy:pharmacy_pub\"]}";

        assertThat(live.medsync().publish(big).status()).isEqualTo(413);
    }

    @Test
    void aRepeatedIdIsADuplicateAnswered200AndEmitsNothing() {
        String body = "{\"event\":\"test:broadcast\",\"data\":{\"n\":\"idem\"},\"to\":[\"user:staff_pub\"],"
                + "\"id\":\"evt-idem-1\"}";
        assertThat(live.medsync().publish(body).status()).isEqualTo(202);
        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asText()).isEqualTo("idem");

        Response again = live.medsync().publish(body);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        staff.assertNoEvent("test:broadcast", Duration.ofMillis(300));
    }

    @Test
    void aBatchIsDeliveredInOrder() {
        Response response = live.medsync().publish("""
                [{"event":"test:broadcast","data":{"n":"b1"},"to":["user:staff_pub"]},
                 {"event":"test:broadcast","data":{"n":"b2"},"to":["user:staff_pub"]}]""");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().fieldNames()).toIterable().containsExactly("accepted", "duplicate", "results");
        assertThat(response.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(response.json().path("duplicate").asBoolean()).isFalse();
        assertThat(response.json().path("results")).hasSize(2);
        assertThat(response.json().path("results").path(1).path("rooms").toString()).isEqualTo("[\"user:staff_pub\"]");
        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asText()).isEqualTo("b1");
        assertThat(staff.awaitEventPayload("test:broadcast").path("n").asText()).isEqualTo("b2");
    }

    @Test
    void aBatchWithOneBadEventEmitsNothing() {
        Response response = live.medsync().publish("""
                [{"event":"test:broadcast","data":{"n":"never"},"to":["user:staff_pub"]},
                 {"event":"test:pharmacy","data":{}}]""");

        assertError(response, 422, "CONTRACT_VIOLATION");
        assertThat(response.json().path("error").path("index").asInt()).isEqualTo(1);
        staff.assertNoEvent("test:broadcast", Duration.ofMillis(300));
    }
}
