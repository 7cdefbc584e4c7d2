package com.medsync.realtime.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.it.fixture.ClusterNodes;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.plugins.CountingPollingProvider;
import com.medsync.realtime.it.plugins.LeaseProbeFeature;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.it.support.RedisServer;
import com.medsync.realtime.testkit.PluginJar;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Once-per-cluster tasks on three nodes of one real Redis: one node runs the task, runs never overlap, and the task
 * moves to another node when its holder is cut off from Redis (as a dead node is: it cannot release its lease) and
 * when it stops. Each node talks to Redis as its own ACL user, so the test can cut one node off while it goes on
 * running. The dispatch plugin polls its providers from one node.
 */
class OncePerClusterE2ETest {

    /** The lease ttl of these nodes: a holder cut off loses the task within it, another takes it soon after. */
    private static final String LEASE_TTL = "2s";
    private static final Duration TAKEOVER = Duration.ofSeconds(15);
    private static final String PASSWORD = "node-password";
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");

    private final String record = "lease-probe." + UUID.randomUUID();
    private final Map<String, EmbeddedMedsync> nodes = new LinkedHashMap<>();
    private RedisServer redis;
    private RedisClient adminClient;
    private RedisCommands<String, String> admin;

    private record Run(String node, long token, long start, long end) {
    }

    @BeforeEach
    void startCluster() {
        redis = RedisServer.start();
        adminClient = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> connection = adminClient.connect();
        admin = connection.sync();
        ClusterNodes cluster = new ClusterNodes(redis.url());
        PluginJar.builder("lease-probe").version("1.0.0").add(LeaseProbeFeature.class)
                .extension(LeaseProbeFeature.class).writeTo(cluster.pluginsDir());
        PluginJar.builder("counting-poller").version("1.0.0").dependsOn("dispatch@>=1.0.0")
                .add(CountingPollingProvider.class).extension(CountingPollingProvider.class)
                .writeTo(cluster.pluginsDir());
        for (String name : NAMES) {
            admin.aclSetuser(name, AclSetuserArgs.Builder.on().addPassword(PASSWORD).allKeys().allChannels()
                    .allCommands());
            nodes.put(name, cluster.start(Map.of(
                    "medsync.store.redis-url", "redis://" + name + ":" + PASSWORD + "@" + FreePorts.LOOPBACK + ":"
                            + redis.port(),
                    "medsync.store.redis-lease-ttl", LEASE_TTL,
                    "medsync.plugin-config.lease-probe.node", name,
                    "medsync.plugin-config.lease-probe.record", record,
                    "medsync.plugin-config.dispatch.poll-interval", "100ms")));
        }
    }

    @AfterEach
    void stopCluster() {
        nodes.values().forEach(EmbeddedMedsync::close);
        adminClient.shutdown();
        redis.close();
        System.clearProperty(record);
    }

    @Test
    void oneNodeRunsTheTaskAndAnotherTakesOverWhenTheHolderIsCutOffAndWhenItStops() {
        Await.until("five runs of the probe", TAKEOVER, () -> runs().size() >= 5);
        String first = last().node();
        assertThat(runs()).extracting(Run::node).containsOnly(first);
        Await.until("only " + first + " says it holds the lease", TAKEOVER,
                () -> NAMES.stream().allMatch(name -> holds(name) == name.equals(first)));

        // Cut off from Redis, the holder cannot renew: it stops, its lease expires, another node takes over.
        admin.aclSetuser(first, AclSetuserArgs.Builder.off());
        admin.clientKill(KillArgs.Builder.user(first));
        Await.until("another node runs the probe", TAKEOVER, () -> !last().node().equals(first));
        String second = last().node();
        assertThat(holds(second)).isTrue();
        nodes.remove(first).close();

        // Stopped, the holder releases its lease: the third node takes over.
        int before = runs().size();
        Await.until("a few runs on " + second, TAKEOVER, () -> runs().size() >= before + 3);
        nodes.remove(second).close();
        String third = nodes.keySet().iterator().next();
        Await.until(third + " runs the probe", TAKEOVER, () -> last().node().equals(third));

        List<Run> runs = runs();
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).start()).as("run %d starts after run %d ended: %s", i, i - 1, runs)
                    .isGreaterThanOrEqualTo(runs.get(i - 1).end());
            if (!runs.get(i).node().equals(runs.get(i - 1).node())) {
                assertThat(runs.get(i).token()).as("a new holder's fencing token").isGreaterThan(runs.get(i - 1).token());
            }
        }
        assertThat(holders(runs)).containsExactly(first, second, third);
    }

    @Test
    void theDispatchProvidersArePolledFromOneNode() {
        EmbeddedMedsync node = nodes.get("node-b");
        accepted(node, "order:new", """
                {"id":"order_poll","drugName":"Paracetamol","quantity":2,"status":"PENDING",
                 "patient":{"id":"patient_poll","phone":"+2348000000000"},
                 "pharmacy":{"id":"pharmacy_poll","name":"MedSync Pharmacy"},"createdAt":"2024-12-20T10:30:00Z"}""");
        accepted(node, "dispatch:updated", """
                {"dispatch":{"id":"dispatch_poll","orderId":"order_poll","status":"ASSIGNED",
                 "provider":"counting-poller","trackingUrl":null,"otp":null,"updatedAt":"2024-12-20T10:40:00Z"}}""");

        Await.until("ten polls of the dispatch", TAKEOVER, () -> polls().size() >= 10);

        assertThat(polls()).as("the copies of the provider that polled, one per node").hasSize(polls().size())
                .containsOnly(polls().get(0));
        assertThat(NAMES.stream().filter(this::holdsPoller)).hasSize(1);
    }

    private static void accepted(EmbeddedMedsync node, String event, String data) {
        Response response = node.publish("{\"event\":\"" + event + "\",\"data\":" + data + "}");
        assertThat(response.status()).as(event + ": " + response.body()).isEqualTo(202);
    }

    private List<String> polls() {
        String polls = System.getProperty("counting-poller.dispatch_poll", "");
        return polls.isEmpty() ? List.of() : Arrays.asList(polls.split(";"));
    }

    private List<Run> runs() {
        String recorded;
        synchronized (System.getProperties()) {
            recorded = System.getProperty(record, "");
        }
        List<Run> runs = new ArrayList<>();
        for (String run : recorded.split(";")) {
            if (!run.isEmpty()) {
                String[] fields = run.split(",");
                runs.add(new Run(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                        Long.parseLong(fields[3])));
            }
        }
        runs.sort(Comparator.comparingLong(Run::start));
        return runs;
    }

    private Run last() {
        List<Run> runs = runs();
        return runs.isEmpty() ? new Run("", 0, 0, 0) : runs.get(runs.size() - 1);
    }

    /** @return the nodes that ran the probe, in order, each once per uninterrupted stretch of runs */
    private static List<String> holders(List<Run> runs) {
        List<String> holders = new ArrayList<>();
        for (Run run : runs) {
            if (holders.isEmpty() || !holders.get(holders.size() - 1).equals(run.node())) {
                holders.add(run.node());
            }
        }
        return holders;
    }

    private boolean holds(String name) {
        return gauge(name, "lease-probe", "probe");
    }

    private boolean holdsPoller(String name) {
        return gauge(name, "dispatch", "provider-poller");
    }

    private boolean gauge(String name, String plugin, String task) {
        String metrics = nodes.get(name).get("/metrics").body();
        return Pattern.compile("(?m)^medsync_cluster_lease_held\\{plugin=\"" + plugin + "\",task=\"" + task
                + "\",?} 1\\.0$").matcher(metrics).find();
    }
}
