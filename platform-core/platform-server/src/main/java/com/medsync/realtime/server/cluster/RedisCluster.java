package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.config.ServerSettings.RedisSettings;
import com.medsync.realtime.server.console.AuditHistory;
import com.medsync.realtime.server.console.AuditTrail;
import com.medsync.realtime.server.console.ClusterDisconnect;
import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.LocalDelivery;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.lease.LeaseStore;
import com.medsync.realtime.server.plugin.admin.PluginAdministration;
import com.medsync.realtime.server.plugin.admin.PluginSharing;
import com.medsync.realtime.server.plugin.admin.SharedPluginSet;
import com.medsync.realtime.spi.store.KeyValueStore;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cluster mode: what a node shares with the others through Redis. The store, the event log (broker), the
 * plugin set, the list of nodes and the audit trail all live under the deployment's prefix. Built when
 * {@code medsync.store.type = redis}; a single node never loads any of it.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    /** How often a node looks for a plugin set changed by another node: well within the one second promised. */
    private static final Duration PLUGIN_SET_POLL = Duration.ofMillis(250);
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final String node;
    private final RedisLink link;
    private final RedisKeyValueStore store;
    private final RedisBroker broker;
    private final RedisPluginSet pluginSet;
    private final RedisJarStore jars;
    private final ClusterMembers members;
    private final RedisLeaseStore leaseStore;
    private final AdminChannel admin;
    private final RedisAuditTrail audit;
    private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "medsync-cluster-sync");
        thread.setDaemon(true);
        return thread;
    });
    /** Probes Redis once a second, apart from the sync thread: a probe may wait for the command timeout. */
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "medsync-store-health");
        thread.setDaemon(true);
        return thread;
    });
    private final StoreHealth health;
    private volatile boolean syncFailing;

    private RedisCluster(RedisSettings settings, LocalDelivery delivery, ObjectMapper mapper, MeterRegistry registry) {
        this.node = nodeId();
        this.link = new RedisLink(settings, Optional.of(registry));
        this.store = new RedisKeyValueStore(link);
        this.broker = new RedisBroker(link, delivery, mapper, Clock.systemUTC());
        this.members = new ClusterMembers(link, mapper, node);
        this.leaseStore = new RedisLeaseStore(link);
        this.pluginSet = new RedisPluginSet(link, mapper, node, members, Clock.systemUTC());
        this.jars = new RedisJarStore(link, mapper);
        this.admin = new AdminChannel(link, mapper, node);
        this.audit = new RedisAuditTrail(link, new AuditTrail(node));
        this.health = new StoreHealth(link, broker, settings.maxStreamLag());
        health.register(registry);
    }

    /** Starts connecting to Redis in the background; the event stream is read from the first connection on. */
    public static RedisCluster join(RedisSettings settings, LocalDelivery delivery, ObjectMapper mapper,
            MeterRegistry registry) {
        RedisCluster cluster = new RedisCluster(settings, delivery, mapper, registry);
        log.info("Cluster mode: node {} on Redis {} with prefix '{}'", cluster.node, cluster.link.redacted(),
                settings.prefix());
        cluster.link.start(() -> {
            cluster.broker.start();
            cluster.admin.start();
        });
        cluster.probes.scheduleWithFixedDelay(cluster.health::probe, 0, PROBE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return cluster;
    }

    /**
     * Waits for the first connection attempt, so that a node whose Redis is up starts from the cluster's
     * state; returns as soon as an attempt failed, so a node whose Redis is down starts at once, not ready.
     *
     * @return true when connected
     */
    public boolean awaitConnection(Duration timeout) {
        return link.awaitFirstAttempt(timeout);
    }

    public String node() {
        return node;
    }

    public KeyValueStore store() {
        return store;
    }

    public Broker broker() {
        return broker;
    }

    public SharedPluginSet pluginSet() {
        return pluginSet;
    }

    /** @return the leases of once-per-cluster plugin tasks, shared by every node */
    public LeaseStore leaseStore() {
        return leaseStore;
    }

    /** @return the plugin set and the jars every node runs, shared through Redis */
    public PluginSharing pluginSharing(long maxJarBytes, Duration applyTimeout) {
        return new PluginSharing(node, pluginSet, jars, maxJarBytes, applyTimeout);
    }

    /**
     * Keeps this node in step with the cluster: takes the jars and adopts the plugin sets written by other
     * nodes, and reports this node's figures for {@code GET /admin/stats}.
     */
    public void keepInStep(PluginAdministration plugins, Supplier<Map<String, Object>> figures) {
        Supplier<Map<String, Object>> report = () -> pluginSet.withAdoption(figures.get());
        ClusterPluginSync pluginSync = new ClusterPluginSync(plugins, pluginSet, () -> members.report(report.get()));
        sync.scheduleWithFixedDelay(() -> guarded(pluginSync::step),
                0, PLUGIN_SET_POLL.toMillis(), TimeUnit.MILLISECONDS);
        sync.scheduleWithFixedDelay(() -> guarded(() -> members.report(report.get())),
                0, REPORT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param disconnectUserHere sends a user's sockets on this node away, answering how many: what this node does
     *                           when another node's operator disconnects a user
     * @return how this node asks the other nodes to disconnect a user
     */
    public ClusterDisconnect disconnects(ToIntFunction<String> disconnectUserHere) {
        admin.answerWith(disconnectUserHere);
        return admin;
    }

    /** @return where admin changes are recorded: every node's, in Redis */
    public AuditHistory audit() {
        return audit;
    }

    /** @return the figures every live node reported */
    public List<JsonNode> nodes() {
        return members.list();
    }

    /** @return why this node cannot serve as part of the cluster now, or empty when it can */
    public Optional<String> problem() {
        return link.problem();
    }

    /**
     * @return why this node's stream reader is too far behind to serve its clients current events (more than
     *     {@code medsync.store.redis-max-stream-lag}), or empty
     */
    public Optional<String> streamProblem() {
        return health.lagProblem();
    }

    /**
     * Delivers an event to this node's sockets only, for what may go on while Redis is away (a client's
     * typing indicator to the others in its room on this node). It carries the offset of the last event
     * this node delivered from the log: a client recovering from it misses nothing of the log.
     */
    public void deliverLocally(OutboundEvent event) {
        broker.deliverLocally(event);
    }

    private void guarded(Runnable step) {
        try {
            step.run();
            if (syncFailing) {
                log.info("In step with the cluster again");
                syncFailing = false;
            }
        } catch (StoreUnavailableException e) {
            if (!syncFailing) {
                log.warn("Cannot keep in step with the cluster: {}", e.getMessage());
                syncFailing = true;
            }
        } catch (RuntimeException e) {
            log.error("Keeping in step with the cluster failed", e);
        }
    }

    private static String nodeId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Stops adopting the cluster's plugin set and leaves the node list: the first step of a shutdown, so that
     * no plugin is started again while the node stops its plugins.
     */
    public void leave() {
        sync.shutdownNow();
        members.leave();
    }

    @Override
    public void close() {
        leave();
        probes.shutdownNow();
        admin.close();
        audit.close();
        broker.close();
        link.close();
    }
}
