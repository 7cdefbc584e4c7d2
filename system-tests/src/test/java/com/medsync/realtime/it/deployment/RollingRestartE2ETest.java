package com.medsync.realtime.it.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.DistributionProcess;
import com.medsync.realtime.it.fixture.ProcessCluster;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.it.support.HaproxyProcess;
import com.medsync.realtime.it.support.JsFleet;
import com.medsync.realtime.it.support.RedisServer;
import com.medsync.realtime.testkit.TestTokens;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment as users run one: three nodes (the distribution, each its own process) on a real Redis behind
 * HAProxy running the shipped {@code config/haproxy.cfg}, a thousand official JS clients connected through it
 * (a third long-polling only, a third upgrading from polling, a third WebSocket only), each in a chat room
 * it joined once, and events published through HAProxy at a steady rate while nodes go away.
 */
class RollingRestartE2ETest {

    private static final Logger log = LoggerFactory.getLogger(RollingRestartE2ETest.class);
    private static final int CLIENTS = 1000;
    private static final int ROOMS = 50;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private RedisServer redis;
    private ProcessCluster cluster;
    private HaproxyProcess haproxy;
    private JsFleet fleet;
    private SteadyPublisher publisher;
    private String socketUrl;

    @BeforeEach
    void startDeployment() {
        redis = RedisServer.start();
        cluster = new ProcessCluster(redis.url(), 3);
        cluster.startAll();
        int lbSocket = FreePorts.find();
        int lbApi = FreePorts.find();
        haproxy = HaproxyProcess.start(DistributionProcess.home().resolve("config/haproxy.cfg"),
                cluster.haproxyEnvironment(lbSocket, lbApi), lbSocket);
        socketUrl = "http://127.0.0.1:" + lbSocket + "/patient-pharmacy";
        publisher = new SteadyPublisher("http://127.0.0.1:" + lbApi, ProcessCluster.API_KEY, ROOMS);
        fleet = new JsFleet();
        TestTokens tokens = new TestTokens(ProcessCluster.JWT_SECRET).withTtl(Duration.ofHours(1));
        List<JsFleet.Member> members = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String room = SteadyPublisher.room(i % ROOMS);
            List<String> transports = switch (i % 3) {
                case 0 -> List.of("polling");
                case 1 -> List.of("polling", "websocket");
                default -> List.of("websocket");
            };
            members.add(new JsFleet.Member("client_" + i, tokens.patient("patient_rr_" + i, "chat:" + room),
                    transports, room));
        }
        List<String> failed = fleet.connect(socketUrl, members, "chat:message", "chat:join", Duration.ofSeconds(120));
        assertThat(failed).as("clients that did not connect and join through HAProxy").isEmpty();
    }

    @AfterEach
    void stopDeployment() {
        if (publisher != null) {
            publisher.stop();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {fleet, haproxy, cluster, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                log.warn("Cannot stop {}", closeable, e);
            }
        }
    }

    /**
     * Each node in turn gets SIGTERM, exits, and a new process with the same configuration takes its place.
     * Every client ends connected with its first socket id and its room (it never joins again), and has every
     * accepted event exactly once, in publish order.
     */
    @Test
    void aRollingRestartKeepsEveryClientAndDeliversEveryEventOnceInOrder() throws Exception {
        publisher.start();
        publisher.awaitAccepted(40);
        for (ProcessCluster.Node node : cluster.nodes()) {
            int status = cluster.terminate(node);
            assertThat(status).as(() -> node.name() + "'s exit status after SIGTERM; its output:\n"
                    + node.process().output()).isIn(0, 143);
            cluster.start(node);
            // Back in HAProxy's rotation (rise 2 at 1 s), and some events published meanwhile.
            long accepted = publisher.accepted();
            publisher.awaitAccepted(accepted + 40);
        }
        publisher.stop();

        Outcome outcome = settle();
        log.info("Rolling restart: {}; recoveries per node: {}", outcome.summary(), recoveries());
        outcome.assertEveryClientKeptItsSession();
        outcome.assertExactlyOnceInOrder();
    }

    /**
     * The node that runs the dispatch plugin's provider polling (it holds the task's lease) is killed (SIGKILL):
     * no close, no saved session, no goodbye to HAProxy, no lease released. Its clients reconnect through HAProxy
     * to the others within the recovery window; every accepted event reaches every client at least once, none
     * twice, in order; and another node takes the polling over once the lease expires.
     */
    @Test
    void aKilledNodesClientsRecoverOnTheOthersAndItsPollingMovesToAnother() throws Exception {
        publisher.start();
        publisher.awaitAccepted(40);
        ProcessCluster.Node victim = Await.value("a node to hold the provider poller's lease", Duration.ofSeconds(20),
                () -> pollerHolder().orElse(null));
        cluster.kill(victim);
        long killedAt = System.nanoTime();
        ProcessCluster.Node successor = Await.value("another node to take the provider poller's lease",
                Duration.ofSeconds(20), () -> pollerHolder().filter(node -> node != victim).orElse(null));
        long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        long accepted = publisher.accepted();
        publisher.awaitAccepted(accepted + 80);
        cluster.start(victim);
        publisher.awaitAccepted(publisher.accepted() + 40);
        publisher.stop();

        Outcome outcome = settle();
        log.info("kill -9 of {}: {}; its dispatch polling moved to {} in {} ms; recoveries per node: {}",
                victim.name(), outcome.summary(), successor.name(), takeoverMillis, recoveries());
        outcome.assertEveryClientKeptItsSession();
        outcome.assertExactlyOnceInOrder();
    }

    /** @return the node whose metrics say it holds the dispatch plugin's provider-poller lease, if one does */
    private Optional<ProcessCluster.Node> pollerHolder() {
        return cluster.nodes().stream()
                .filter(node -> node.process() != null && node.process().isAlive())
                .filter(node -> cluster.metrics(node, "medsync_cluster_lease_held").stream()
                        .anyMatch(line -> line.contains("provider-poller") && line.endsWith(" 1.0")))
                .findFirst();
    }

    private Map<String, List<String>> recoveries() {
        Map<String, List<String>> byNode = new TreeMap<>();
        cluster.nodes().forEach(node -> byNode.put(node.name(), cluster.metrics(node, "medsync_recoveries_total")));
        return byNode;
    }

    /** Waits until every client is connected with every event of its room (or the deadline), then reports. */
    private Outcome settle() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Outcome outcome = new Outcome(fleet.report(), publisher);
        while (!outcome.complete() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            outcome = new Outcome(fleet.report(), publisher);
        }
        return outcome;
    }

    /** The fleet's report against what the publisher had accepted. */
    private record Outcome(JsonNode clients, SteadyPublisher publisher) {

        boolean complete() {
            for (JsonNode client : clients) {
                if (!client.path("connected").asBoolean()
                        || client.path("received").size() < publisher.acceptedIds(client.path("room").asText()).size()) {
                    return false;
                }
            }
            return true;
        }

        String summary() {
            long deliveries = 0;
            long reconnects = 0;
            long longestGap = 0;
            int connected = 0;
            for (JsonNode client : clients) {
                deliveries += client.path("received").size();
                reconnects += client.path("reconnects").asLong();
                longestGap = Math.max(longestGap, client.path("longestGapMs").asLong());
                connected += client.path("connected").asBoolean() ? 1 : 0;
            }
            return String.format("%d clients (%d connected), %d events accepted (%d publish retries), %d deliveries,"
                    + " %d reconnections, longest time a client was disconnected: %d ms", clients.size(), connected,
                    publisher.accepted(), publisher.retries(), deliveries, reconnects, longestGap);
        }

        void assertEveryClientKeptItsSession() {
            List<String> problems = new ArrayList<>();
            for (JsonNode client : clients) {
                String id = client.path("id").asText();
                if (!client.path("connected").asBoolean()) {
                    problems.add(id + " is not connected (disconnects " + client.path("reasons") + ")");
                } else if (!client.path("firstId").asText().equals(client.path("socketId").asText())) {
                    problems.add(id + " has socket id " + client.path("socketId").asText() + ", first "
                            + client.path("firstId").asText());
                } else if (!client.path("recoveredAll").asBoolean()) {
                    problems.add(id + " reconnected once without socket.recovered");
                }
            }
            assertThat(problems).as("%d of %d clients: %s", problems.size(), clients.size(), summary()).isEmpty();
        }

        void assertExactlyOnceInOrder() {
            List<String> problems = new ArrayList<>();
            for (JsonNode client : clients) {
                List<String> received = new ArrayList<>();
                client.path("received").forEach(id -> received.add(id.asText()));
                List<String> expected = publisher.acceptedIds(client.path("room").asText());
                if (!received.equals(expected)) {
                    problems.add(client.path("id").asText() + " in " + client.path("room").asText() + ": "
                            + describe(expected, received)
                            + (problems.size() < 3 ? "; its history: " + client.path("history") : ""));
                }
            }
            assertThat(problems).as("%d of %d clients: %s", problems.size(), clients.size(), summary())
                    .isEmpty();
        }

        /** What is missing, doubled or out of order in {@code received}, against {@code expected}. */
        private static String describe(List<String> expected, List<String> received) {
            Set<String> seen = new HashSet<>();
            List<String> doubled = received.stream().filter(id -> !seen.add(id)).toList();
            List<String> missing = expected.stream().filter(id -> !seen.contains(id)).toList();
            List<String> unexpected = seen.stream().filter(id -> !expected.contains(id)).toList();
            return "expected " + expected.size() + " got " + received.size() + "; missing " + missing
                    + ", twice " + doubled + ", never accepted " + unexpected
                    + (missing.isEmpty() && doubled.isEmpty() && unexpected.isEmpty() ? ", out of order" : "");
        }
    }
}
