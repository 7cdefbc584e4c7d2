package com.medsync.realtime.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.TwoNodeCluster;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console's cluster-wide calls on two nodes sharing a real Redis, with the official JavaScript
 * client: a user disconnected through one node is sent away on both, a phase's plan counts each node's
 * clients on the namespaces that would vanish, and a change made through one node is in every node's audit log.
 */
class ClusterConsoleE2ETest {

    private static final Duration QUIET = Duration.ofMillis(500);
    /** Nodes publish their figures every 2 s. */
    private static final Duration FIGURES_PUBLISHED = Duration.ofSeconds(8);

    @RegisterExtension
    static final TwoNodeCluster twoNodes = new TwoNodeCluster();

    private static EmbeddedMedsync nodeA;
    private static EmbeddedMedsync nodeB;
    private static JsClients js;

    @BeforeAll
    static void nodes() {
        nodeA = twoNodes.nodeA();
        nodeB = twoNodes.nodeB();
        js = twoNodes.js();
    }

    @Test
    void aUserDisconnectedThroughOneNodeIsSentAwayOnEveryNode() {
        JsSocket onA = js.connect(nodeA.canonicalUrl(), JsClients.auth(nodeA.patientToken("patient_both")));
        JsSocket onB = js.connect(nodeB.canonicalUrl(), JsClients.auth(nodeB.patientToken("patient_both")));
        JsSocket otherOnB = js.connectOnce(nodeB.canonicalUrl(), nodeB.patientToken("patient_other"));
        onA.awaitConnect();
        onB.awaitConnect();

        Response response = nodeA.admin("POST", "/admin/users/patient_both/disconnect", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.path("disconnected").asInt()).as("this node's").isEqualTo(1);
        JsonNode cluster = answer.path("cluster");
        assertThat(cluster.path("disconnected").asInt()).as(answer.toString()).isEqualTo(2);
        assertThat(cluster.path("unanswered").asInt()).isZero();
        assertThat(cluster.path("nodes")).hasSize(2);
        assertThat(cluster.path("nodes").path(1).path("disconnected").asInt()).isEqualTo(1);
        assertThat(cluster.path("nodes").path(0).path("node").asText())
                .isNotEqualTo(cluster.path("nodes").path(1).path("node").asText());
        assertThat(onA.awaitDisconnect()).isEqualTo("io server disconnect");
        assertThat(onB.awaitDisconnect()).isEqualTo("io server disconnect");
        otherOnB.assertNoEvent("disconnect", QUIET);
        assertThat(nodeB.admin("GET", "/admin/connections?user=patient_both", null).json().path("connections"))
                .isEmpty();
        otherOnB.close();
    }

    @Test
    void aChangeMadeThroughOneNodeIsInTheAuditLogOfEveryNodeNamingThatNode() {
        String nodeAId = nodeA.admin("GET", "/admin/stats", null).json().path("cluster").path("node").asText();

        Response applied = nodeA.http("POST", "/admin/phases/week1/apply", null, Map.of(
                "Authorization", "Bearer " + EmbeddedMedsync.ADMIN_TOKEN, "X-Medsync-Operator", "audit-operator"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);

        // Node A appends to Redis off the request's thread: the entry may reach node B a moment after the answer.
        JsonNode entry = Await.value("node A's change in node B's audit log", Duration.ofSeconds(5), () -> {
            JsonNode onB = nodeB.admin("GET", "/admin/audit?limit=20", null).json();
            assertThat(onB.path("source").asText()).as(onB.toString()).isEqualTo("redis");
            return auditedBy("audit-operator", onB);
        });
        assertThat(entry.path("node").asText()).isEqualTo(nodeAId);
        assertThat(entry.path("action").asText()).isEqualTo("apply-phase");
        assertThat(entry.path("target").asText()).isEqualTo("week1");
        assertThat(entry.path("result").asText()).isEqualTo("ok");
        assertThat(entry.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(entry.path("at").asText()).isNotEmpty();

        try (EmbeddedMedsync nodeC = twoNodes.nodes().start(Map.of("medsync.phase", "week1"))) {
            JsonNode onC = nodeC.admin("GET", "/admin/audit?limit=50", null).json();
            JsonNode seenByC = auditedBy("audit-operator", onC);
            assertThat(seenByC).as("a node started since, its own ring empty, as after a restart: " + onC).isNotNull();
            assertThat(seenByC.path("node").asText()).isEqualTo(nodeAId);
        }
    }

    /** @return the newest entry the operator made, or null */
    private static JsonNode auditedBy(String operator, JsonNode audit) {
        for (JsonNode entry : audit.path("entries")) {
            if (operator.equals(entry.path("who").asText())) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void thePlanOfWeek3CountsEachNodesLegacyClients() {
        JsSocket legacyOnB = js.connectOnce(nodeB.url("/"), nodeB.pharmacyToken("staff_legacy_b", "pharmacy_b"));
        String nodeBId = nodeB.admin("GET", "/admin/stats", null).json().path("cluster").path("node").asText();

        JsonNode plan = Await.value("node B's legacy client in node A's plan of week3", FIGURES_PUBLISHED, () -> {
            JsonNode answer = nodeA.admin("POST", "/admin/phases/week3/plan", null).json();
            for (JsonNode node : answer.path("cluster")) {
                if (nodeBId.equals(node.path("node").asText()) && node.path("clientsDisconnected").asInt() >= 1) {
                    return answer;
                }
            }
            return null;
        });

        assertThat(plan.path("namespacesVanish").toString()).isEqualTo("[\"/\"]");
        assertThat(plan.path("cluster")).hasSize(2);
        assertThat(nodeA.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("week1");
        legacyOnB.assertNoEvent("disconnect", QUIET);
        legacyOnB.close();
    }
}
