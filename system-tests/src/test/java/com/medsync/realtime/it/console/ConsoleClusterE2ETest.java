package com.medsync.realtime.it.console;

import com.medsync.realtime.it.fixture.ClusterNodes;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.support.Browser;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.RedisServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of one node of a two-node cluster on a real Redis: its Overview shows every live node, each with
 * its own figures, and a phase applied from it answers with each node's outcome.
 */
class ConsoleClusterE2ETest {

    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);

    private static RedisServer redis;
    private static EmbeddedMedsync nodeA;
    private static EmbeddedMedsync nodeB;
    private static JsClients js;
    private static Browser browser;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        ClusterNodes cluster = new ClusterNodes(redis.url());
        nodeA = cluster.start(Map.of("medsync.phase", "week1"));
        nodeB = cluster.start(Map.of("medsync.phase", "week1"));
        js = new JsClients();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, js, nodeA, nodeB, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Each is closed whatever happened to the one before.
            }
        }
    }

    private static String nodeId(EmbeddedMedsync node) {
        return node.admin("GET", "/admin/stats", null).json().path("cluster").path("node").asText();
    }

    @Test
    void theOverviewShowsEveryNodeAndAPhaseAppliedAnswersForEach() {
        String idA = nodeId(nodeA);
        String idB = nodeId(nodeB);
        assertThat(idA).isNotBlank().isNotEqualTo(idB);
        browser.open("http://127.0.0.1:" + nodeA.server().httpPort() + "/console/");
        browser.fill("#login-operator", "cluster-operator");
        browser.fill("#login-token", EmbeddedMedsync.ADMIN_TOKEN);
        browser.click("#login-submit");

        String connectionsOnA = "[data-node='" + idA + "'] tr[data-namespace='/patient-pharmacy'] td.connections";
        String connectionsOnB = "[data-node='" + idB + "'] tr[data-namespace='/patient-pharmacy'] td.connections";
        browser.waitForText("[data-node='" + idA + "'] h2", "this node", UI_TIMEOUT);
        browser.waitForText(connectionsOnB, "0", UI_TIMEOUT);
        js.connectOnce(nodeB.canonicalUrl(), nodeB.patientToken("patient_on_b"));

        browser.waitForText(connectionsOnB, "1", UI_TIMEOUT);
        assertThat(browser.texts(connectionsOnA)).containsExactly("0");
        browser.waitForText("#summary", "cluster, 2 live nodes", UI_TIMEOUT);
        // The other node's store and readiness, as it reports them with its figures.
        browser.waitForText("[data-node='" + idB + "'] dd.store", "UP", UI_TIMEOUT);
        browser.waitForText("[data-node='" + idB + "'] dd.readiness", "UP", UI_TIMEOUT);
        browser.screenshot(Path.of(System.getProperty("medsync.it.screenshots", "target/console-screenshots"))
                .resolve("overview-cluster.png"));

        browser.click("a[data-page='phases']");
        browser.click("button[data-apply='week3']");
        browser.click("#confirm-ok");
        browser.waitForText("table.node-outcomes tr[data-node='" + idA + "']", "REACHED", UI_TIMEOUT);
        browser.waitForText("table.node-outcomes tr[data-node='" + idB + "']", "REACHED", UI_TIMEOUT);
        browser.waitForText("#phase-outcome", "complete", UI_TIMEOUT);
    }
}
