package com.medsync.realtime.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.LogLines;
import com.medsync.realtime.it.support.RedisServer;
import com.medsync.realtime.server.cluster.RedisAuditTrail;
import com.medsync.realtime.server.cluster.RedisLink;
import com.medsync.realtime.server.config.ServerSettings.RedisSettings;
import com.medsync.realtime.server.console.AuditHistory.Entry;
import com.medsync.realtime.server.console.AuditHistory.Recent;
import com.medsync.realtime.server.console.AuditHistory.Source;
import com.medsync.realtime.server.console.AuditTrail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's audit trail against a real redis-server: what one node records, another reads, newest first and
 * naming the node; a trail made anew (a restarted node) still reads it; the stream stays capped; and while Redis
 * is down recording goes on in the node's ring, with one WARN, and reading answers from the ring, saying so.
 */
class RedisAuditTrailTest {

    private RedisServer redis;
    private String prefix;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
        prefix = "audit-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @AfterEach
    void close() throws Exception {
        // The trails first: each gives its queued entries to its link before the link goes.
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        redis.close();
    }

    private RedisLink link() throws InterruptedException {
        RedisLink link = new RedisLink(new RedisSettings(redis.url(), prefix, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        opened.add(link);
        CountDownLatch connected = new CountDownLatch(1);
        link.start(connected::countDown);
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("connected to " + redis.url()).isTrue();
        return link;
    }

    private RedisAuditTrail trail(RedisLink link, String node) {
        RedisAuditTrail trail = new RedisAuditTrail(link, new AuditTrail(node));
        opened.add(trail);
        return trail;
    }

    @Test
    void whatOneNodeRecordsEveryNodeReadsNewestFirstNamingThatNode() throws Exception {
        RedisAuditTrail nodeA = trail(link(), "node-a");
        RedisAuditTrail nodeB = trail(link(), "node-b");

        nodeA.record("ops", "127.0.0.1", "apply-phase", "week2", "ok");
        nodeA.record("console:alice", "127.0.0.1", "stop", "chat", "ok");
        assertThat(nodeA.recent(1).entries()).as("a node reads what it just recorded").extracting(Entry::target)
                .containsExactly("chat");
        nodeB.record("eve", "10.0.0.2", "disconnect-user", "u1", "ok: 2 on this node");
        nodeB.recent(1);

        Recent onA = nodeA.recent(10);
        assertThat(onA.source()).isEqualTo(Source.REDIS);
        assertThat(onA.problem()).isEmpty();
        assertThat(onA.entries()).extracting(Entry::node, Entry::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node-b", "disconnect-user"),
                org.assertj.core.groups.Tuple.tuple("node-a", "stop"),
                org.assertj.core.groups.Tuple.tuple("node-a", "apply-phase"));
        Entry newest = onA.entries().get(0);
        assertThat(newest.who()).isEqualTo("eve");
        assertThat(newest.address()).isEqualTo("10.0.0.2");
        assertThat(newest.target()).isEqualTo("u1");
        assertThat(newest.result()).isEqualTo("ok: 2 on this node");
        assertThat(newest.at()).isNotNull();
        assertThat(nodeB.recent(2).entries()).extracting(Entry::action).containsExactly("disconnect-user", "stop");

        RedisAuditTrail restartedA = trail(link(), "node-a2");
        assertThat(restartedA.recent(10).entries()).as("a restarted node, its ring empty, reads them all").hasSize(3);
    }

    @Test
    void theStreamIsCappedNearItsMaximum() throws Exception {
        RedisLink link = link();
        RedisAuditTrail trail = trail(link, "node-a");
        int recorded = 10_500;
        for (int i = 0; i < recorded; i++) {
            trail.record("ops", "127.0.0.1", "stop", "plugin_" + i, "ok");
            if (i % 500 == 499) {
                // Reading waits for the entries queued before it: keeps the queue short.
                trail.recent(1);
            }
        }

        assertThat(trail.recent(1).entries()).extracting(Entry::target).containsExactly("plugin_" + (recorded - 1));
        long length = link.commands().xlen(link.key("audit"));
        assertThat(length).as("MAXLEN ~ 10000 trims whole stream nodes").isBetween(10_000L, 10_200L);
    }

    @Test
    void whileRedisIsDownEntriesStayOnTheNodeAndReadingSaysSo() throws Exception {
        RedisAuditTrail trail = trail(link(), "node-a");
        trail.record("ops", "127.0.0.1", "stop", "before", "ok");
        assertThat(trail.recent(5).entries()).extracting(Entry::target).containsExactly("before");

        redis.kill();
        try (LogLines warnings = new LogLines(RedisAuditTrail.class.getName())) {
            trail.record("ops", "127.0.0.1", "stop", "during-1", "ok");
            trail.record("ops", "127.0.0.1", "stop", "during-2", "ok");
            trail.record("ops", "127.0.0.1", "stop", "during-3", "ok");

            Recent fallback = trail.recent(5);
            assertThat(fallback.source()).isEqualTo(Source.LOCAL);
            assertThat(fallback.problem()).hasValueSatisfying(
                    problem -> assertThat(problem).contains(prefix + "audit"));
            assertThat(fallback.entries()).extracting(Entry::target)
                    .containsExactly("during-3", "during-2", "during-1", "before");
            assertThat(warnings.lines()).as("one warning a minute at most").hasSize(1)
                    .first().asString().startsWith("WARN Audit entries are kept on this node only");
        }

        redis.restart();
        trail.record("ops", "127.0.0.1", "start", "after", "ok");
        Recent back = Await.value("the trail to read Redis again", Duration.ofSeconds(15), () -> {
            Recent recent = trail.recent(5);
            if (recent.source() == Source.REDIS && !recent.entries().isEmpty()) {
                return recent;
            }
            trail.record("ops", "127.0.0.1", "start", "after", "ok");
            return null;
        });
        assertThat(back.entries()).as("a Redis restarted empty holds what came after, not what came during")
                .extracting(Entry::target).contains("after").doesNotContain("during-1", "before");
    }

    @Test
    void anEntryWithoutAReadableTimeIsShownAtTheTimeRedisAddedIt() throws Exception {
        RedisLink link = link();
        RedisAuditTrail trail = trail(link, "node-a");
        trail.record("ops", "127.0.0.1", "stop", "chat", "ok");
        trail.recent(1);
        // Entries another version or an operator's redis-cli might have added.
        String noTime = link.commands().xadd(link.key("audit"), Map.of("who", "redis-cli", "action", "note"));
        link.commands().xadd(link.key("audit"), Map.of("at", "yesterday", "who", "old-version", "action", "stop"));

        Recent recent = trail.recent(10);

        assertThat(recent.source()).isEqualTo(Source.REDIS);
        assertThat(recent.problem()).isEmpty();
        assertThat(recent.entries()).extracting(Entry::who).containsExactly("old-version", "redis-cli", "ops");
        Entry handWritten = recent.entries().get(1);
        assertThat(handWritten.at().toEpochMilli()).isEqualTo(Long.parseLong(noTime.substring(0, noTime.indexOf('-'))));
        assertThat(handWritten.node()).isNull();
        assertThat(handWritten.fields()).containsEntry("who", "redis-cli").containsEntry("target", null);
    }
}
