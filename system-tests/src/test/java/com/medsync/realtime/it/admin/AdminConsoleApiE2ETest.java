package com.medsync.realtime.it.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.fixture.FeaturePlugins;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin calls of the operator console (issue #15) against a node with the feature plugins as they ship, in
 * phase week1, and the official JavaScript client: connections and rooms as the node holds them, disconnects the
 * client sees as "io server disconnect", a dry run of week3 (and of week1 on a second node booted in week3), the
 * audit and event tails, and bad input.
 */
class AdminConsoleApiE2ETest {

    private static final Duration QUIET = Duration.ofMillis(800);
    private static final String ORDER_NEW = """
            {"id":"order_console","drugName":"SecretDrugName","quantity":2,"status":"PENDING",
             "patient":{"id":"patient_console","phone":"+2348000000000"},
             "pharmacy":{"id":"pharmacy_console","name":"MedSync Pharmacy"},"createdAt":"2024-12-20T10:30:00Z"}""";

    private static EmbeddedMedsync medsync;
    private static JsClients js;

    @BeforeAll
    static void start() throws Exception {
        Path pluginsDir = Files.createTempDirectory("medsync-console-plugins");
        FeaturePlugins.install(pluginsDir, FeaturePlugins.ALL);
        Map<String, Object> settings = FeaturePlugins.nodeSettings(pluginsDir);
        settings.put("medsync.phase", "week1");
        medsync = EmbeddedMedsync.start(settings);
        js = new JsClients();
    }

    @AfterAll
    static void stop() {
        js.close();
        medsync.close();
    }

    private static JsonNode ok(String method, String path) {
        return ok(medsync, method, path);
    }

    private static JsonNode ok(EmbeddedMedsync node, String method, String path) {
        Response response = node.admin(method, path, null);
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode connections) {
        List<String> ids = new ArrayList<>();
        connections.path("connections").forEach(connection -> ids.add(connection.path("id").asText()));
        return ids;
    }

    /** Socket ids as each client's connect event gave them. */
    private static final Map<JsSocket, String> SOCKET_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Connects with reconnection on, as the frontend does: a client told to go away must stay away by itself. */
    private static JsSocket connect(String namespace, String token, String... transports) {
        Map<String, Object> opts = JsClients.auth(token);
        if (transports.length > 0) {
            opts.put("transports", List.of(transports));
        }
        JsSocket socket = js.connect(medsync.url(namespace), opts);
        SOCKET_IDS.put(socket, socket.awaitConnect().id());
        return socket;
    }

    private static String socketId(JsSocket socket) {
        return SOCKET_IDS.get(socket);
    }

    @Test
    void aConnectedClientIsListedAndFoundByUserAndByRoom() {
        JsSocket patient = connect("/patient-pharmacy", medsync.patientToken("patient_listed"), "websocket");
        JsSocket staff = connect("/patient-pharmacy", medsync.pharmacyToken("staff_listed", "pharmacy_listed"));

        JsonNode byUser = ok("GET", "/admin/connections?user=patient_listed");
        assertThat(byUser.path("connections")).hasSize(1);
        JsonNode connection = byUser.path("connections").path(0);
        assertThat(connection.path("id").asText()).isEqualTo(socketId(patient));
        assertThat(connection.path("namespace").asText()).isEqualTo("/patient-pharmacy");
        assertThat(connection.path("userId").asText()).isEqualTo("patient_listed");
        assertThat(connection.path("role").asText()).isEqualTo("patient");
        assertThat(connection.path("transport").asText()).isEqualTo("websocket");
        assertThat(connection.path("rooms").toString()).isEqualTo("[\"user:patient_listed\"]");
        assertThat(Instant.parse(connection.path("connectedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(connection.path("node").asText()).isEqualTo("single-node");
        assertThat(byUser.path("next").isNull()).isTrue();

        JsonNode byRoom = ok("GET", "/admin/connections?room=pharmacy:pharmacy_listed");
        assertThat(ids(byRoom)).containsExactly(socketId(staff));
        assertThat(ids(ok("GET", "/admin/connections?room=pharmacy:pharmacy_listed&transport=websocket"
                + "&namespace=/patient-pharmacy")).size()).isLessThanOrEqualTo(1);
        assertThat(ids(ok("GET", "/admin/connections?user=patient_listed&namespace=/"))).isEmpty();
        patient.close();
        staff.close();
    }

    @Test
    void pagesFollowTheirCursorInSocketIdOrder() {
        List<JsSocket> sockets = new ArrayList<>();
        Set<String> opened = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            JsSocket socket = connect("/patient-pharmacy", medsync.pharmacyToken("staff_page_" + i, "pharmacy_paged"));
            sockets.add(socket);
            opened.add(socketId(socket));
        }

        List<String> walked = new ArrayList<>();
        String after = "";
        do {
            JsonNode page = ok("GET", "/admin/connections?room=pharmacy:pharmacy_paged&limit=2&after=" + after);
            assertThat(page.path("connections").size()).isLessThanOrEqualTo(2);
            walked.addAll(ids(page));
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);

        assertThat(walked).containsExactlyInAnyOrderElementsOf(opened).isSorted();
        sockets.forEach(JsSocket::close);
    }

    @Test
    void roomsAreListedWithTheirMemberCounts() {
        JsSocket one = connect("/patient-pharmacy", medsync.pharmacyToken("staff_room_1", "pharmacy_counted"));
        JsSocket two = connect("/patient-pharmacy", medsync.pharmacyToken("staff_room_2", "pharmacy_counted"));

        JsonNode rooms = ok("GET", "/admin/rooms?q=PHARMACY_COUNTED");

        assertThat(rooms.path("rooms").toString()).isEqualTo(
                "[{\"namespace\":\"/patient-pharmacy\",\"room\":\"pharmacy:pharmacy_counted\",\"members\":2}]");
        assertThat(rooms.path("next").isNull()).isTrue();
        JsonNode first = ok("GET", "/admin/rooms?namespace=/patient-pharmacy&q=staff_room_&limit=1");
        assertThat(first.path("rooms").path(0).path("room").asText()).isEqualTo("user:staff_room_1");
        JsonNode second = ok("GET", "/admin/rooms?namespace=/patient-pharmacy&q=staff_room_&limit=1&after="
                + first.path("next").asText());
        assertThat(second.path("rooms").path(0).path("room").asText()).isEqualTo("user:staff_room_2");
        one.close();
        two.close();
    }

    @Test
    void aSocketDisconnectedByIdIsToldSoAndDoesNotComeBack() {
        JsSocket patient = connect("/patient-pharmacy", medsync.patientToken("patient_kicked"));
        String id = socketId(patient);

        Response disconnected = medsync.admin("POST", "/admin/connections/" + id + "/disconnect", null);

        assertThat(disconnected.status()).as(disconnected.body()).isEqualTo(200);
        assertThat(disconnected.body()).isEqualTo("{\"disconnected\":1}");
        assertThat(patient.awaitDisconnect()).isEqualTo("io server disconnect");
        patient.assertNoEvent("connect", QUIET);
        assertThat(ids(ok("GET", "/admin/connections?user=patient_kicked"))).isEmpty();
        Response again = medsync.admin("POST", "/admin/connections/" + id + "/disconnect", null);
        assertThat(again.status()).isEqualTo(404);

        JsonNode audit = ok("GET", "/admin/audit?limit=5").path("entries");
        JsonNode refused = audit.path(0);
        assertThat(refused.path("action").asText()).isEqualTo("disconnect-socket");
        assertThat(refused.path("target").asText()).isEqualTo(id);
        assertThat(refused.path("result").asText()).startsWith("refused");
        JsonNode done = audit.path(1);
        assertThat(done.path("action").asText()).isEqualTo("disconnect-socket");
        assertThat(done.path("result").asText()).isEqualTo("ok");
        assertThat(done.path("who").asText()).isEqualTo("e2e-test");
        assertThat(done.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(done.path("at").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aUserIsDisconnectedOnEveryNamespace() {
        String token = medsync.pharmacyToken("staff_everywhere", "pharmacy_everywhere");
        JsSocket canonical = connect("/patient-pharmacy", token);
        JsSocket legacy = connect("/", token);
        JsSocket bystander = connect("/patient-pharmacy", medsync.pharmacyToken("staff_stays", "pharmacy_everywhere"));

        Response disconnected = medsync.admin("POST", "/admin/users/staff_everywhere/disconnect", null);

        assertThat(disconnected.status()).as(disconnected.body()).isEqualTo(200);
        assertThat(disconnected.body()).isEqualTo("{\"disconnected\":2}");
        assertThat(canonical.awaitDisconnect()).isEqualTo("io server disconnect");
        assertThat(legacy.awaitDisconnect()).isEqualTo("io server disconnect");
        bystander.assertNoEvent("disconnect", QUIET);
        assertThat(ids(ok("GET", "/admin/connections?user=staff_everywhere"))).isEmpty();
        JsonNode audited = ok("GET", "/admin/audit?limit=1").path("entries").path(0);
        assertThat(audited.path("action").asText()).isEqualTo("disconnect-user");
        assertThat(audited.path("target").asText()).isEqualTo("staff_everywhere");
        assertThat(audited.path("result").asText()).isEqualTo("ok: 2 on this node");
        assertThat(medsync.admin("POST", "/admin/users/nobody_here/disconnect", null).body())
                .isEqualTo("{\"disconnected\":0}");
        bystander.close();
    }

    @Test
    void thePlanOfWeek3NamesTheLegacyNamespaceAndItsClientsAndChangesNothing() {
        JsSocket legacy = connect("/", medsync.pharmacyToken("staff_legacy_plan", "pharmacy_plan"));
        int onLegacy = ok("GET", "/admin/stats").path("namespaces").path("/").path("connections").asInt();
        assertThat(onLegacy).isGreaterThanOrEqualTo(1);

        JsonNode plan = ok("POST", "/admin/phases/week3/plan");

        assertThat(plan.path("phase").asText()).isEqualTo("week3");
        assertThat(plan.path("current").asText()).isEqualTo("week1");
        assertThat(plan.path("start").toString()).isEqualTo("[]");
        assertThat(plan.path("stop").toString()).isEqualTo("[\"legacy-aliases\"]");
        assertThat(plan.path("namespacesAppear").toString()).isEqualTo("[]");
        assertThat(plan.path("namespacesVanish").toString()).isEqualTo("[\"/\"]");
        assertThat(plan.path("clientsDisconnected").asInt()).isEqualTo(onLegacy);
        assertThat(plan.has("cluster")).as("a single node").isFalse();

        assertThat(ok("GET", "/admin/phases").path("current").asText()).isEqualTo("week1");
        legacy.assertNoEvent("disconnect", QUIET);
        assertThat(ok("POST", "/admin/phases/week1/plan").path("stop").toString()).isEqualTo("[]");
        Response unknown = medsync.admin("POST", "/admin/phases/week9/plan", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("message").asText()).contains("week9");
        assertThat(ok("GET", "/admin/audit").toString()).as("a plan is not a change").doesNotContain("week3");
        legacy.close();
    }

    @Test
    void aNodeBootedInWeek3PlansWeek1WithTheLegacyNamespaceTheManifestDeclares() throws Exception {
        try (EmbeddedMedsync week3 = EmbeddedMedsync.start(FeaturePlugins.allInPhase("week3"))) {
            Map<String, JsonNode> plugins = new java.util.HashMap<>();
            ok(week3, "GET", "/admin/plugins").forEach(plugin -> plugins.put(plugin.path("id").asText(), plugin));
            assertThat(plugins.get("legacy-aliases").path("state").asText()).as("never started here")
                    .isEqualTo("RESOLVED");
            assertThat(plugins.get("legacy-aliases").path("namespaces").toString()).isEqualTo("[\"/\"]");
            assertThat(plugins.get("chat").path("namespaces").toString()).isEqualTo("[]");

            JsonNode plan = ok(week3, "POST", "/admin/phases/week1/plan");

            assertThat(plan.path("current").asText()).isEqualTo("week3");
            assertThat(plan.path("start").toString()).isEqualTo("[\"legacy-aliases\"]");
            assertThat(plan.path("stop").toString()).isEqualTo("[]");
            assertThat(plan.path("namespacesAppear").toString()).isEqualTo("[\"/\"]");
            assertThat(plan.path("namespacesVanish").toString()).isEqualTo("[]");
            assertThat(plan.path("clientsDisconnected").asInt()).isZero();
            assertThat(ok(week3, "GET", "/admin/stats").path("namespaces").has("/")).as("a plan changes nothing")
                    .isFalse();
        }
    }

    @Test
    void theEventTailShowsAPublishedEventsNameAndRoomsButNoPayload() {
        JsSocket staff = connect("/patient-pharmacy", medsync.pharmacyToken("staff_tail", "pharmacy_console"));
        long before = ok("GET", "/admin/events?limit=1").path("last").asLong();
        Response published = medsync.publish("{\"event\":\"order:new\",\"data\":" + ORDER_NEW + "}");
        assertThat(published.status()).as(published.body()).isEqualTo(202);
        staff.awaitEvent("order:new");
        staff.emitWithAck("join", Map.of("room", "pharmacy:pharmacy_console"));

        JsonNode tail = ok("GET", "/admin/events?after=" + before);

        JsonNode order = null;
        JsonNode join = null;
        for (JsonNode event : tail.path("events")) {
            assertThat(event.path("seq").asLong()).isGreaterThan(before);
            if ("order:new".equals(event.path("name").asText())) {
                order = event;
            } else if ("join".equals(event.path("name").asText())) {
                join = event;
            }
        }
        assertThat(order).as(tail.toString()).isNotNull();
        assertThat(order.path("source").asText()).isEqualTo("publish");
        assertThat(order.path("namespace").isNull()).isTrue();
        assertThat(order.path("rooms").toString()).contains("pharmacy:pharmacy_console", "user:patient_console");
        assertThat(order.path("bytes").asInt()).isGreaterThan(100);
        Instant.parse(order.path("at").asText());
        assertThat(join).as(tail.toString()).isNotNull();
        assertThat(join.path("source").asText()).isEqualTo("client");
        assertThat(join.path("namespace").asText()).isEqualTo("/patient-pharmacy");
        assertThat(tail.toString()).doesNotContain("SecretDrugName", "+2348000000000", "order_console");
        assertThat(tail.path("last").asLong()).isEqualTo(tail.path("events").path(tail.path("events").size() - 1)
                .path("seq").asLong());
        assertThat(ok("GET", "/admin/events?after=" + tail.path("last").asLong()).path("events")).isEmpty();
        staff.close();
    }

    @Test
    void badInputIsA400NamingTheParameterAndNoTokenIsA401() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("/admin/connections?limit=abc", "limit");
        bad.put("/admin/connections?limit=100000", "limit");
        bad.put("/admin/connections?limit=0", "limit");
        bad.put("/admin/connections?transport=carrier-pigeon", "transport");
        bad.put("/admin/connections?room=kitchen", "room");
        bad.put("/admin/connections?user=no%20spaces", "user");
        bad.put("/admin/connections?namespace=patient-pharmacy", "namespace");
        bad.put("/admin/rooms?limit=501", "limit");
        bad.put("/admin/rooms?after=nonsense", "after");
        bad.put("/admin/audit?limit=-1", "limit");
        bad.put("/admin/events?limit=1001", "limit");
        bad.put("/admin/events?after=yesterday", "after");
        bad.forEach((path, parameter) -> {
            Response response = medsync.admin("GET", path, null);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().path("error").path("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(response.json().path("error").path("parameter").asText()).as(path).isEqualTo(parameter);
            assertThat(response.json().path("error").path("message").asText()).as(path).contains("'" + parameter + "'");
        });
        assertThat(ok("GET", "/admin/connections?limit=500").path("connections").isArray()).isTrue();

        for (String path : List.of("/admin/connections", "/admin/rooms", "/admin/audit", "/admin/events")) {
            assertThat(medsync.get(path).status()).as(path).isEqualTo(401);
        }
        for (String path : List.of("/admin/phases/week3/plan", "/admin/connections/x/disconnect",
                "/admin/users/x/disconnect")) {
            assertThat(medsync.http("POST", path, null, Map.of()).status()).as(path).isEqualTo(401);
        }
    }
}
