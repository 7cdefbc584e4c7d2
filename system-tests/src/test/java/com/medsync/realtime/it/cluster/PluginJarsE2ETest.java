package com.medsync.realtime.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.ClusterNodes;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.fixture.FeaturePlugins;
import com.medsync.realtime.it.plugins.EchoFeature;
import com.medsync.realtime.it.plugins.StopOrder;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.RedisServer;
import com.medsync.realtime.testkit.PluginJar;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same plugins everywhere (issue #14, item 4), on a real Redis: nodes with plugin directories of their own, a
 * jar loaded through one node's admin API reaches the others, a jar altered in Redis is refused by the node
 * that fetches it (FAILED with the checksum in {@code /admin/stats}), and a phase applied on one node answers
 * once every node reached it, or names the node that could not. The tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginJarsE2ETest {

    private static final Duration CLUSTER_WIDE = Duration.ofSeconds(10);
    private static final String ECHO_JAR = "echo-1.0.0.jar";

    private static RedisServer redis;
    private static ClusterNodes cluster;
    private static EmbeddedMedsync nodeA;
    private static EmbeddedMedsync nodeB;
    private static EmbeddedMedsync nodeC;
    private static Path pluginsOfA;
    private static Path pluginsOfB;
    private static Path pluginsOfC;
    private static String echoSha256;

    @BeforeAll
    static void startTwoNodes() {
        redis = RedisServer.start();
        cluster = new ClusterNodes(redis.url());
        pluginsOfA = pluginsDir("a");
        nodeA = startNode(pluginsOfA);
        pluginsOfB = pluginsDir("b");
        nodeB = startNode(pluginsOfB);
    }

    @AfterAll
    static void stopCluster() {
        for (EmbeddedMedsync node : new EmbeddedMedsync[] {nodeC, nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        redis.close();
    }

    /** A plugins directory of the node's own, with the chat plugin only (what the phases below start). */
    private static Path pluginsDir(String node) {
        try {
            Path dir = Files.createTempDirectory("medsync-plugins-" + node);
            FeaturePlugins.install(dir, "chat");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedMedsync startNode(Path pluginsDir) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("medsync.plugins.dir", pluginsDir.toString());
        settings.put("medsync.plugins.cluster-apply-timeout", "20s");
        settings.put("medsync.phases.chat-only.plugins", java.util.List.of("chat"));
        settings.put("medsync.phases.with-echo.plugins", java.util.List.of("chat", "echo"));
        return cluster.start(settings);
    }

    private static Path echoJar(Path dir) {
        return PluginJar.builder("echo").version("1.0.0").requires(">=1.0.0").description("echoes client events")
                .add(EchoFeature.class, StopOrder.class).extension(EchoFeature.class).writeTo(dir);
    }

    private static Optional<JsonNode> plugin(EmbeddedMedsync node, String id) {
        for (JsonNode plugin : node.admin("GET", "/admin/plugins", null).json()) {
            if (plugin.path("id").asText().equals(id)) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    private static String state(EmbeddedMedsync node, String id) {
        return plugin(node, id).map(plugin -> plugin.path("state").asText()).orElse("(not loaded)");
    }

    /** What {@code about} reports of {@code plugin} in the {@code cluster} of {@code asked}'s stats. */
    private static Optional<JsonNode> reported(EmbeddedMedsync asked, EmbeddedMedsync about, String plugin) {
        JsonNode stats = asked.admin("GET", "/admin/stats", null).json();
        String aboutId = about.admin("GET", "/admin/stats", null).json().path("cluster").path("node").asText();
        for (JsonNode node : stats.path("cluster").path("nodes")) {
            if (node.path("node").asText().equals(aboutId)) {
                for (JsonNode state : node.path("plugins").path("states")) {
                    if (state.path("id").asText().equals(plugin)) {
                        return Optional.of(state);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String nodeId(EmbeddedMedsync node) {
        return node.admin("GET", "/admin/stats", null).json().path("cluster").path("node").asText();
    }

    private static JsonNode outcomeOf(JsonNode applied, EmbeddedMedsync node) {
        String id = nodeId(node);
        for (JsonNode outcome : applied.path("cluster").path("nodes")) {
            if (outcome.path("node").asText().equals(id)) {
                return outcome;
            }
        }
        throw new AssertionError("no outcome of node " + id + " in " + applied);
    }

    @Test
    @Order(1)
    void aJarLoadedOnOneNodeIsLoadedAndStartedOnTheOther() throws Exception {
        Path jar = echoJar(Files.createTempDirectory("echo-built"));
        Files.copy(jar, pluginsOfA.resolve(ECHO_JAR));
        echoSha256 = sha256(Files.readAllBytes(jar));
        assertThat(pluginsOfB.resolve(ECHO_JAR)).doesNotExist();

        Response loaded = nodeA.admin("POST", "/admin/plugins", "{\"path\":\"" + ECHO_JAR + "\"}");

        assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
        Await.until("echo loaded on node B", CLUSTER_WIDE, () -> plugin(nodeB, "echo").isPresent());
        assertThat(state(nodeB, "echo")).isEqualTo("RESOLVED");
        assertThat(sha256(Files.readAllBytes(pluginsOfB.resolve(ECHO_JAR)))).isEqualTo(echoSha256);

        Response started = nodeA.admin("POST", "/admin/plugins/echo/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Await.until("echo started on node B", CLUSTER_WIDE, () -> "STARTED".equals(state(nodeB, "echo")));
        Await.until("node B reporting echo started with the jar's checksum", CLUSTER_WIDE,
                () -> reported(nodeA, nodeB, "echo").filter(state -> "STARTED".equals(state.path("state").asText())
                        && echoSha256.equals(state.path("sha256").asText())).isPresent());
    }

    @Test
    @Order(2)
    void aPhaseAppliedOnOneNodeAnswersOnceTheOtherReachedIt() {
        Response applied = nodeA.admin("POST", "/admin/phases/chat-only/apply", null);

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().path("cluster").path("complete").asBoolean()).as(applied.body()).isTrue();
        assertThat(outcomeOf(applied.json(), nodeB).path("state").asText()).isEqualTo("REACHED");
        // Answered only once node B got there: no waiting needed to see it.
        assertThat(nodeB.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("chat-only");
        assertThat(state(nodeB, "echo")).isEqualTo("STOPPED");
    }

    @Test
    @Order(3)
    void aNodeFetchingAnAlteredJarRefusesItAndReportsTheChecksum() {
        tamperWithStoredJar("echo", echoSha256);
        pluginsOfC = pluginsDir("c");

        nodeC = startNode(pluginsOfC);

        Await.until("node C reporting echo FAILED", CLUSTER_WIDE, () -> reported(nodeA, nodeC, "echo")
                .filter(state -> "FAILED".equals(state.path("state").asText())).isPresent());
        JsonNode echo = reported(nodeA, nodeC, "echo").orElseThrow();
        assertThat(echo.path("failure").asText()).startsWith("checksum mismatch: expected " + echoSha256 + " got ");
        assertThat(echo.path("sha256").asText()).isEqualTo(echoSha256);
        assertThat(plugin(nodeC, "echo")).isEmpty();
        assertThat(pluginsOfC.resolve(ECHO_JAR)).doesNotExist();
    }

    @Test
    @Order(4)
    void aPhaseANodeCannotReachIsAnsweredNamingThatNodeAndWhy() {
        Response applied = nodeA.admin("POST", "/admin/phases/with-echo/apply", null);

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        JsonNode cluster = applied.json().path("cluster");
        assertThat(cluster.path("complete").asBoolean()).as(applied.body()).isFalse();
        assertThat(cluster.path("nodes")).hasSize(3);
        assertThat(outcomeOf(applied.json(), nodeA).path("state").asText()).isEqualTo("REACHED");
        assertThat(outcomeOf(applied.json(), nodeB).path("state").asText()).isEqualTo("REACHED");
        JsonNode onC = outcomeOf(applied.json(), nodeC);
        assertThat(onC.path("state").asText()).isEqualTo("FAILED");
        assertThat(onC.path("problem").asText()).contains("'echo'", "checksum mismatch");
        assertThat(state(nodeB, "echo")).isEqualTo("STARTED");
    }

    @Test
    @Order(5)
    void aPhaseEveryNodeCanReachIsCompleteOnAllThree() {
        Response applied = nodeB.admin("POST", "/admin/phases/chat-only/apply", null);

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().path("cluster").path("complete").asBoolean()).as(applied.body()).isTrue();
        assertThat(applied.json().path("cluster").path("nodes")).hasSize(3);
        for (EmbeddedMedsync node : new EmbeddedMedsync[] {nodeA, nodeC}) {
            assertThat(node.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("chat-only");
        }
    }

    @Test
    @Order(6)
    void aJarUnloadedOnOneNodeIsUnloadedEverywhere() {
        Response unloaded = nodeA.admin("DELETE", "/admin/plugins/echo", null);

        assertThat(unloaded.status()).as(unloaded.body()).isEqualTo(200);
        Await.until("echo unloaded on node B", CLUSTER_WIDE, () -> plugin(nodeB, "echo").isEmpty());
        Await.until("node C no longer reporting echo", CLUSTER_WIDE, () -> reported(nodeA, nodeC, "echo").isEmpty());
        // Node B deletes the jar it wrote from the cluster's; the operator's own file on node A stays.
        assertThat(pluginsOfB.resolve(ECHO_JAR)).doesNotExist();
        assertThat(pluginsOfA.resolve(ECHO_JAR)).exists();
    }

    /** Replaces the jar stored in Redis by bytes that differ in one bit, through redis-cli as an attacker would. */
    private static void tamperWithStoredJar(String pluginId, String sha256) {
        String key = cluster.prefix() + "cluster:jar:" + pluginId + ":" + sha256;
        String stored = redisCli("GET", key).trim();
        byte[] bytes = Base64.getDecoder().decode(stored);
        bytes[bytes.length / 2] ^= 1;
        assertThat(redisCli("SET", key, Base64.getEncoder().encodeToString(bytes)).trim()).isEqualTo("OK");
    }

    private static String redisCli(String... command) {
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("redis-cli", "-p",
                String.valueOf(redis.port())));
        line.addAll(java.util.List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
