package com.medsync.realtime.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.ClusterNodes;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.RedisServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster's Redis goes away and comes back: nodes stay up and keep their clients, say they are not ready
 * and why, refuse what they cannot make durable, keep relaying between clients of the same node, and resume
 * cross-node delivery once Redis is back, without a restart.
 */
class RedisOutageE2ETest {

    private static final Duration QUIET = Duration.ofMillis(500);
    /** Reconnection backs off up to one second in these tests; readiness follows within a few. */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private static final String CHAT = """
            {"event":"chat:message","data":{"id":"%s","roomId":"room_outage","senderId":"user_1",
             "senderType":"patient","content":"hello","messageType":"TEXT","createdAt":"2024-12-20T10:30:00Z"}}""";

    private RedisServer redis;
    private JsClients js;

    @BeforeEach
    void clients() {
        js = new JsClients();
    }

    @AfterEach
    void stop() {
        js.close();
        redis.close();
    }

    private JsSocket member(EmbeddedMedsync node, String userId) {
        JsSocket socket = js.connectOnce(node.canonicalUrl(), node.patientToken(userId, "chat:room_outage"));
        assertThat(socket.emitWithAck("chat:join", Map.of("roomId", "room_outage")).path(0).path("ok").asBoolean())
                .isTrue();
        return socket;
    }

    private static Response ready(EmbeddedMedsync node) {
        return node.get("/health/ready");
    }

    private static void awaitNotReady(EmbeddedMedsync node) {
        Await.until(() -> "node not ready, last answer " + ready(node).body(), RECOVERY,
                () -> ready(node).status() == 503);
    }

    private static String metrics(EmbeddedMedsync node) {
        return node.get("/metrics").body();
    }

    private static void awaitMetric(EmbeddedMedsync node, String line) {
        Await.until(() -> "'" + line + "' in /metrics", RECOVERY, () -> metrics(node).contains(line));
    }

    private static void awaitReady(EmbeddedMedsync node) {
        Await.until(() -> "node ready again, last answer " + ready(node).body(), RECOVERY,
                () -> ready(node).status() == 200);
    }

    @Test
    void redisLostWhileRunningThenBack() {
        redis = RedisServer.start();
        ClusterNodes cluster = new ClusterNodes(redis.url());
        try (EmbeddedMedsync nodeA = cluster.start(Map.of("medsync.phase", "week1"));
                EmbeddedMedsync nodeB = cluster.start(Map.of("medsync.phase", "week1"))) {
            JsSocket onA = member(nodeA, "user_a");
            JsSocket alsoOnA = member(nodeA, "user_a2");
            JsSocket onB = member(nodeB, "user_b");
            assertThat(nodeA.publish(CHAT.formatted("msg_before")).status()).isEqualTo(202);
            for (JsSocket socket : new JsSocket[] {onA, alsoOnA, onB}) {
                socket.awaitEvent("chat:message");
            }
            awaitMetric(nodeA, "medsync_store_up 1.0");
            String healthy = metrics(nodeA);
            assertThat(healthy).contains("medsync_stream_lag_events 0.0").contains("medsync_stream_lag_seconds 0.0")
                    .as("Lettuce's latency of every Redis command, by type")
                    .containsPattern("lettuce_command_completion_seconds_count\\{.*command=\"XADD\"")
                    .as("in fixed buckets, 10 ms among them, not Micrometer's 85 per series")
                    .containsPattern("lettuce_command_completion_seconds_bucket\\{command=\"XADD\",.*le=\"0.01\"\\}")
                    .doesNotContainPattern("lettuce_command_completion_seconds_bucket\\{[^}]*le=\"0.001048576\"");
            assertThat(ready(nodeA).json().path("checks").path("stream").asText()).isEqualTo("UP");

            redis.kill();

            awaitNotReady(nodeA);
            awaitNotReady(nodeB);
            awaitMetric(nodeB, "medsync_store_up 0.0");
            JsonNode answer = ready(nodeB).json();
            assertThat(answer.path("checks").path("store").asText()).isEqualTo("DOWN");
            assertThat(answer.path("problems").path("store").asText()).contains("Redis");
            Response refused = nodeA.publish(CHAT.formatted("msg_during"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().path("error").path("code").asText()).isEqualTo("UNAVAILABLE");
            Response adminRefused = nodeA.admin("POST", "/admin/phases/week3/apply", null);
            assertThat(adminRefused.status()).as(adminRefused.body()).isEqualTo(409);
            // Between clients of one node, relays go on: the typing indicator reaches the other member on A.
            onA.emit("chat:typing", Map.of("roomId", "room_outage", "isTyping", true));
            assertThat(alsoOnA.awaitEventPayload("chat:typing").path("userId").asText()).isEqualTo("user_a");

            redis.restart();

            awaitReady(nodeA);
            awaitReady(nodeB);
            awaitMetric(nodeB, "medsync_store_up 1.0");
            assertThat(nodeB.publish(CHAT.formatted("msg_after")).status()).isEqualTo(202);
            for (JsSocket socket : new JsSocket[] {onA, alsoOnA, onB}) {
                assertThat(socket.await("msg_after", RECOVERY, e -> "chat:message".equals(e.path("event").asText())
                        && "msg_after".equals(e.path("args").path(0).path("id").asText()))).isNotNull();
                socket.assertNoEvent("chat:message", QUIET);
                assertThat(socket.events()).noneMatch(e -> "disconnect".equals(e.path("type").asText()));
            }
            assertThat(onB.eventNames()).doesNotContain("chat:typing");
        }
    }

    @Test
    void aNodeWhoseRedisIsDownAtStartIsNotReadyUntilRedisAnswers() {
        redis = RedisServer.notStarted();
        ClusterNodes cluster = new ClusterNodes(redis.url());
        try (EmbeddedMedsync node = cluster.start(Map.of("medsync.phase", "week1"))) {
            Response notReady = ready(node);
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.json().path("problems").path("store").asText())
                    .contains("Redis at " + redis.url()).contains("unavailable");
            assertThat(node.publish(CHAT.formatted("msg_early")).status()).isEqualTo(503);

            redis.restart();

            awaitReady(node);
            JsSocket member = member(node, "user_late");
            assertThat(node.publish(CHAT.formatted("msg_late")).status()).isEqualTo(202);
            assertThat(member.awaitEventPayload("chat:message").path("id").asText()).isEqualTo("msg_late");
        }
    }
}
