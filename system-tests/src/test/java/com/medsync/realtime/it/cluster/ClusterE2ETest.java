package com.medsync.realtime.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.ClusterNodes;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.TwoNodeCluster;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RedisServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two MedSync nodes on one real Redis (a third joins later), with the feature plugins as they ship and the
 * official JavaScript client: what is published on one node reaches the sockets of every node once, what
 * one node learns the other knows, and an operator's phase change on one node applies to all. The tests run
 * in order: the last ones change the phase.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2ETest {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration CLUSTER_WIDE = Duration.ofSeconds(5);

    @RegisterExtension
    static final TwoNodeCluster twoNodes = new TwoNodeCluster();

    private static RedisServer redis;
    private static ClusterNodes cluster;
    private static EmbeddedMedsync nodeA;
    private static EmbeddedMedsync nodeB;
    private static JsClients js;

    @BeforeAll
    static void nodes() {
        redis = twoNodes.redis();
        cluster = twoNodes.nodes();
        nodeA = twoNodes.nodeA();
        nodeB = twoNodes.nodeB();
        js = twoNodes.js();
    }

    private static JsSocket connect(String url, String token) {
        return js.connectOnce(url, token);
    }

    private static void accepted(EmbeddedMedsync node, String event, String data) {
        Response response = node.publish("{\"event\":\"" + event + "\",\"data\":" + data + "}");
        assertThat(response.status()).as(event + ": " + response.body()).isEqualTo(202);
    }

    private static String orderNew(String orderId, String patientId, String pharmacyId) {
        return """
                {"id":"%s","drugName":"Paracetamol","quantity":2,"status":"PENDING",
                 "patient":{"id":"%s","phone":"+2348000000000"},"pharmacy":{"id":"%s","name":"MedSync Pharmacy"},
                 "createdAt":"2024-12-20T10:30:00Z"}""".formatted(orderId, patientId, pharmacyId);
    }

    @Test
    @Order(1)
    void bothNodesAreReadyOnRedis() {
        for (EmbeddedMedsync node : new EmbeddedMedsync[] {nodeA, nodeB}) {
            Response ready = node.get("/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.json().path("checks").path("store").asText()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void anEventPublishedOnOneNodeReachesEverySocketOnEveryNodeOnce() {
        JsSocket staffOnA = connect(nodeA.canonicalUrl(), nodeA.pharmacyToken("staff_a", "pharmacy_once"));
        JsSocket staffOnB = connect(nodeB.canonicalUrl(), nodeB.pharmacyToken("staff_b", "pharmacy_once"));
        // A socket in two of the event's rooms still gets it once.
        JsSocket patientOnB = connect(nodeB.canonicalUrl(), nodeB.patientToken("patient_once"));

        accepted(nodeA, "order:new", orderNew("order_once", "patient_once", "pharmacy_once"));

        for (JsSocket socket : new JsSocket[] {staffOnA, staffOnB, patientOnB}) {
            assertThat(socket.awaitEventPayload("order:new").path("id").asText()).isEqualTo("order_once");
        }
        for (JsSocket socket : new JsSocket[] {staffOnA, staffOnB, patientOnB}) {
            socket.assertNoEvent("order:new", QUIET);
        }
        staffOnA.close();
        staffOnB.close();
        patientOnB.close();
    }

    @Test
    @Order(3)
    void anOrderLearnedOnOneNodeRoutesItsUpdatesPublishedOnTheOther() {
        JsSocket patientOnA = connect(nodeA.canonicalUrl(), nodeA.patientToken("patient_route"));
        JsSocket staffOnB = connect(nodeB.canonicalUrl(), nodeB.pharmacyToken("staff_route", "pharmacy_route"));
        accepted(nodeA, "order:new", orderNew("order_route", "patient_route", "pharmacy_route"));
        patientOnA.awaitEvent("order:new");
        staffOnB.awaitEvent("order:new");

        // Node B never saw order:new through its API; it knows the order's rooms from the shared store.
        accepted(nodeB, "order:updated", """
                {"id":"order_route","status":"CONFIRMED","updatedAt":"2024-12-20T10:35:00Z"}""");

        assertThat(patientOnA.awaitEventPayload("order:updated").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(staffOnB.awaitEventPayload("order:updated").path("id").asText()).isEqualTo("order_route");
        patientOnA.close();
        staffOnB.close();
    }

    @Test
    @Order(3)
    void aDispatchLearnedOnOneNodeMayBeJoinedOnTheOther() {
        JsSocket staffOnA = connect(nodeA.canonicalUrl(), nodeA.pharmacyToken("staff_disp", "pharmacy_disp"));
        accepted(nodeA, "order:new", orderNew("order_disp", "patient_disp", "pharmacy_disp"));
        accepted(nodeA, "dispatch:updated", """
                {"dispatch":{"id":"dispatch_disp","orderId":"order_disp","status":"ASSIGNED","provider":"kwik",
                 "trackingUrl":null,"otp":null,"updatedAt":"2024-12-20T10:40:00Z"}}""");
        staffOnA.awaitEvent("dispatch:updated");

        // The patient on node B may join the dispatch of its order: node B learns it from the shared store.
        JsSocket patientOnB = connect(nodeB.canonicalUrl(), nodeB.patientToken("patient_disp"));
        assertThat(patientOnB.emitWithAck("join", Map.of("room", "dispatch:dispatch_disp")).path(0).path("ok")
                .asBoolean()).isTrue();
        accepted(nodeB, "dispatch:updated", """
                {"dispatch":{"id":"dispatch_disp","orderId":"order_disp","status":"IN_TRANSIT","provider":"kwik",
                 "trackingUrl":null,"otp":null,"updatedAt":"2024-12-20T10:45:00Z"}}""");

        assertThat(patientOnB.awaitEventPayload("dispatch:updated").path("dispatch").path("status").asText())
                .isEqualTo("IN_TRANSIT");
        assertThat(staffOnA.awaitEventPayload("dispatch:updated").path("dispatch").path("status").asText())
                .isEqualTo("IN_TRANSIT");
        patientOnB.assertNoEvent("dispatch:updated", QUIET);
        staffOnA.close();
        patientOnB.close();
    }

    @Test
    @Order(4)
    void anIdempotencyKeyUsedOnOneNodeIsADuplicateOnTheOther() {
        JsSocket member = connect(nodeB.canonicalUrl(), nodeB.patientToken("patient_idem", "chat:room_idem"));
        assertThat(member.emitWithAck("chat:join", Map.of("roomId", "room_idem")).path(0).path("ok").asBoolean())
                .isTrue();
        String body = """
                {"event":"chat:message","id":"msg-idem-1","data":{"id":"msg_idem","roomId":"room_idem",
                 "senderId":"user_1","senderType":"patient","content":"once","messageType":"TEXT",
                 "createdAt":"2024-12-20T10:30:00Z"}}""";

        assertThat(nodeA.publish(body).status()).isEqualTo(202);
        Response again = nodeB.publish(body);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        member.awaitEvent("chat:message");
        member.assertNoEvent("chat:message", QUIET);
        member.close();
    }

    /**
     * A client dropped on node A comes back through the load balancer to node B: B finds its session in Redis,
     * re-verifies its token, gives it its socket id back and replays from the shared stream what it missed,
     * once each and in order.
     */
    @Test
    @Order(4)
    void aClientDroppedOnOneNodeRecoversOnTheOther() {
        Map<String, Object> opts = new HashMap<>(JsClients.auth(nodeA.patientToken("patient_roam")));
        opts.put("reconnection", false);
        opts.put("transports", java.util.List.of("websocket"));
        JsSocket onA = js.connect(nodeA.canonicalUrl(), opts);
        JsSocket.Connected first = onA.awaitConnect();
        accepted(nodeA, "order:new", orderNew("order_roam_1", "patient_roam", "pharmacy_roam"));
        JsonNode seen = onA.awaitEvent("order:new");
        String offset = seen.get(seen.size() - 1).asText();
        onA.drop();
        assertThat(onA.awaitDisconnect()).isEqualTo("transport close");
        Await.until("node A to save the session in Redis", CLUSTER_WIDE, () -> sessionSaved(first.pid()));

        accepted(nodeB, "order:new", orderNew("order_roam_2", "patient_roam", "pharmacy_roam"));
        accepted(nodeA, "order:new", orderNew("order_roam_3", "patient_roam", "pharmacy_roam"));

        // What the stock client sends when it reconnects, here to the other node.
        Map<String, Object> back = new HashMap<>();
        back.put("auth", Map.of("token", nodeB.patientToken("patient_roam"), "pid", first.pid(), "offset", offset));
        back.put("reconnection", false);
        back.put("transports", java.util.List.of("websocket"));
        JsSocket onB = js.connect(nodeB.canonicalUrl(), back);
        JsSocket.Connected again = onB.awaitConnect();
        // A new client object cannot say socket.recovered (the client sets it only for the pid it holds
        // itself); the server's answer shows it: the same socket id and pid, and the recovery counted.
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.pid()).isEqualTo(first.pid());
        assertThat(nodeB.get("/metrics").body()).contains("medsync_recoveries_total{outcome=\"recovered\"} 1.0");
        assertThat(onB.awaitEventPayload("order:new").path("id").asText()).isEqualTo("order_roam_2");
        assertThat(onB.awaitEventPayload("order:new").path("id").asText()).isEqualTo("order_roam_3");
        onB.assertNoEvent("order:new", QUIET);
        onB.close();
    }

    /** Asks Redis itself (redis-cli comes with redis-server) whether a recovery session is stored. */
    private static boolean sessionSaved(String pid) {
        try {
            Process scan = new ProcessBuilder("redis-cli", "-p", String.valueOf(redis.port()), "--scan", "--pattern",
                    "*recovery:session:" + pid).redirectErrorStream(true).start();
            String keys = new String(scan.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return scan.waitFor() == 0 && !keys.isBlank();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    @Order(5)
    void adminStatsShowEveryNode() {
        JsSocket onA = connect(nodeA.canonicalUrl(), nodeA.patientToken("patient_stats"));
        Await.until("both nodes listed, node A with its connection", CLUSTER_WIDE, () -> {
            JsonNode nodes = nodeB.admin("GET", "/admin/stats", null).json().path("cluster").path("nodes");
            int connections = 0;
            for (JsonNode node : nodes) {
                connections += node.path("namespaces").path("/patient-pharmacy").path("connections").asInt();
            }
            return nodes.size() == 2 && connections >= 1;
        });
        onA.close();
    }

    @Test
    @Order(6)
    void aPhaseAppliedOnOneNodeTakesEffectOnTheOther() {
        JsSocket legacyOnB = connect(nodeB.url("/"), nodeB.pharmacyToken("staff_legacy", "pharmacy_legacy"));
        JsSocket canonicalOnB = connect(nodeB.canonicalUrl(), nodeB.pharmacyToken("staff_canon", "pharmacy_legacy"));

        Response applied = nodeA.admin("POST", "/admin/phases/week3/apply", null);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);

        Await.until("node B in week3", CLUSTER_WIDE,
                () -> "week3".equals(nodeB.admin("GET", "/admin/phases", null).json().path("current").asText()));
        // "/" is gone on node B too: its legacy client is disconnected; the canonical one stays and is served.
        legacyOnB.awaitDisconnect(CLUSTER_WIDE);
        accepted(nodeA, "order:new", orderNew("order_week3", "patient_week3", "pharmacy_legacy"));
        canonicalOnB.awaitEvent("order:new");
        assertThat(nodeB.admin("GET", "/admin/stats", null).json().path("plugins").path("started").toString())
                .doesNotContain("legacy-aliases");
        canonicalOnB.close();
    }

    @Test
    @Order(7)
    void aNodeStartingLaterAdoptsTheCurrentPhase() {
        try (EmbeddedMedsync nodeC = cluster.start(Map.of())) {
            assertThat(nodeC.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("week3");
            JsSocket legacyOnC = js.connect(nodeC.url("/"),
                    JsClients.auth(nodeC.pharmacyToken("staff_c", "pharmacy_c")));
            assertThat(legacyOnC.awaitConnectError().message()).contains("Invalid namespace");
        }
    }

    @Test
    @Order(8)
    void aPluginStoppedOnOneNodeStopsOnTheOther() {
        Response stopped = nodeB.admin("POST", "/admin/plugins/dispatch-kwik/stop", null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        Await.until("dispatch-kwik stopped on node A", CLUSTER_WIDE, () -> !nodeA.admin("GET", "/admin/stats", null)
                .json().path("plugins").path("started").toString().contains("dispatch-kwik"));

        Response started = nodeA.admin("POST", "/admin/plugins/dispatch-kwik/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Await.until("dispatch-kwik started again on node B", CLUSTER_WIDE, () -> nodeB.admin("GET", "/admin/stats",
                null).json().path("plugins").path("started").toString().contains("dispatch-kwik"));
    }
}
