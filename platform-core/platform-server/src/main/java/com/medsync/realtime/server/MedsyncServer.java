package com.medsync.realtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.auth.JwtAuthenticator;
import com.medsync.realtime.http.HttpApiServer;
import com.medsync.realtime.http.HttpServerSettings;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.adminui.AdminUi;
import com.medsync.realtime.server.adminui.AdminUiNode;
import com.medsync.realtime.server.api.AdminEndpoints;
import com.medsync.realtime.server.api.ApiRoutes;
import com.medsync.realtime.server.api.AuditLog;
import com.medsync.realtime.server.api.ConsoleEndpoints;
import com.medsync.realtime.server.api.HealthEndpoints;
import com.medsync.realtime.server.api.PublishEndpoint;
import com.medsync.realtime.server.cluster.RedisCluster;
import com.medsync.realtime.server.config.Credentials;
import com.medsync.realtime.server.console.Console;
import com.medsync.realtime.server.config.InvalidSettingException;
import com.medsync.realtime.server.config.ServerSettings;
import com.medsync.realtime.server.config.Settings;
import com.medsync.realtime.server.console.AuditHistory;
import com.medsync.realtime.server.console.AuditTrail;
import com.medsync.realtime.server.console.EventTail;
import com.medsync.realtime.server.console.SocketDisconnects;
import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.DeliveryThread;
import com.medsync.realtime.server.delivery.LocalDelivery;
import com.medsync.realtime.server.delivery.MemoryBroker;
import com.medsync.realtime.server.lease.ClusterLeases;
import com.medsync.realtime.server.lease.MemoryLeaseStore;
import com.medsync.realtime.server.metrics.PlatformMetrics;
import com.medsync.realtime.server.plugin.feature.PlatformServices;
import com.medsync.realtime.server.plugin.admin.PluginAdministration;
import com.medsync.realtime.server.plugin.admin.PluginPlatform;
import com.medsync.realtime.server.plugin.admin.PluginSharing;
import com.medsync.realtime.server.publish.PublishService;
import com.medsync.realtime.server.publish.PublishedEventHandlers;
import com.medsync.realtime.server.recovery.ConnectionRecovery;
import com.medsync.realtime.server.recovery.RecoveringSocketOpener;
import com.medsync.realtime.server.room.BackendRoomCallback;
import com.medsync.realtime.server.room.BuiltInRoomPolicies;
import com.medsync.realtime.server.room.RoomAccess;
import com.medsync.realtime.server.room.RoomCommands;
import com.medsync.realtime.server.socket.ClientEventRouter;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketGateway;
import com.medsync.realtime.server.socket.SocketEvents;
import com.medsync.realtime.server.socket.SocketLifecycleListener;
import com.medsync.realtime.server.socket.SocketPlatform;
import com.medsync.realtime.server.socket.SocketRecovery;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.server.socket.engine.EngineConnection;
import com.medsync.realtime.server.socket.engine.EngineTraffic;
import com.medsync.realtime.server.socket.engine.OriginPolicy;
import com.medsync.realtime.server.socket.engine.SocketIoEngine;
import com.medsync.realtime.server.store.MemoryKeyValueStore;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.event.EventPublisher;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.store.KeyValueStore;
import com.typesafe.config.Config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One MedSync Realtime node: the Socket.IO port, the HTTP API port (and the Socket.IO Admin UI's own port when it
 * is enabled), and what connects them. This class
 * only wires parts together; each part lives in its own package.
 */
public final class MedsyncServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MedsyncServer.class);

    /** The canonical namespace of the contract, served by the core. */
    public static final String CANONICAL_NAMESPACE = "/patient-pharmacy";

    /** How long a starting cluster node waits for the outcome of its first connection to Redis. */
    private static final Duration FIRST_CONNECTION_WAIT = Duration.ofSeconds(15);
    /** Events accepted and not yet delivered before publishers wait (about a second at full speed). */
    private static final int DELIVERY_BACKLOG = 10_000;
    /** How long a stopping node waits for the sessions of the clients it closed to be saved (in Redis). */
    private static final Duration SESSIONS_SAVED_TIMEOUT = Duration.ofSeconds(3);
    /** A single node's id: the holder name of its leases, which nobody else contends for, and its connections' node. */
    private static final String SINGLE_NODE = "single-node";

    private final ServerSettings settings;
    private final Credentials credentials;
    private final String bindHost;
    private final ObjectMapper mapper = new ObjectMapper();
    private final PlatformMetrics metrics = new PlatformMetrics();
    private final NamespaceRegistry namespaces = new NamespaceRegistry();
    private final ClientEventRouter clientEvents = new ClientEventRouter();
    private final PublishedEventHandlers publishedEvents = new PublishedEventHandlers();
    /** The last events this node saw, for the operator console; told of client events as metrics are. */
    private final EventTail eventTail = new EventTail(mapper);
    /** The admin changes GET /admin/audit shows: in Redis in cluster mode, else this node's alone. */
    private final AuditHistory auditTrail;
    private final SocketEvents socketEvents;
    /** Present when medsync.admin-ui.enabled: the Socket.IO Admin UI's /admin namespace. */
    private final Optional<AdminUi> adminUi;
    /**
     * Present when medsync.admin-ui.enabled: the Admin UI's own Socket.IO port, an engine and gateway apart from
     * the apps' that serve /admin alone (and the apps' port never serves /admin).
     */
    private final Optional<SocketIoEngine> adminUiEngine;
    /** Present in cluster mode: the store, the broker and the plugin set are then shared through Redis. */
    private final Optional<RedisCluster> cluster;
    private final KeyValueStore store;
    private final RoomAccess roomAccess;
    private final ExecutorService handlerPool;
    private final ScheduledExecutorService housekeeping;
    private final ScheduledExecutorService pluginScheduler;
    /** The leases of plugins' once-per-cluster tasks: in Redis in cluster mode, else this node's alone. */
    private final ClusterLeases leases;
    private final Broker broker;
    /** The memory broker's delivery thread (Redis has its own reader thread). */
    private final Optional<DeliveryThread> deliveryThread;
    private final PublishService publishService;
    private final HealthEndpoints health;
    private final SocketIoEngine socketEngine;
    private final SocketGateway gateway;
    private final Router httpRoutes;
    /** Present unless medsync.console.enabled is off. */
    private final Optional<Console> console;
    private final NodeStats stats;
    private PluginAdministration plugins;
    private HttpApiServer httpServer;

    private MedsyncServer(ServerSettings settings, Credentials credentials, Optional<Authenticator> authenticator) {
        this.settings = settings;
        this.credentials = credentials;
        // A server running on made-up secrets must not be reachable from other machines.
        this.bindHost = credentials.anyGenerated() ? "127.0.0.1" : settings.bindHost();

        Optional<RoomPolicy> callback = settings.roomCallback().url()
                .map(url -> new BackendRoomCallback(url, settings.roomCallback(), mapper));
        this.roomAccess = new RoomAccess(BuiltInRoomPolicies.all(), callback);
        this.adminUi = settings.adminUi().enabled()
                ? Optional.of(new AdminUi(settings.adminUi(), new AdminUiView(), java.time.Clock.systemUTC()))
                : Optional.empty();
        this.socketEvents = new SocketEvents(adminUi
                .<List<SocketLifecycleListener>>map(ui -> List.of(metrics, eventTail, ui))
                .orElse(List.of(metrics, eventTail)));
        RoomCommands.registerOn(clientEvents);

        this.handlerPool = Executors.newFixedThreadPool(settings.socket().handlerThreads(), named("medsync-socket-"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(named("medsync-housekeeping-"));
        ScheduledThreadPoolExecutor plugins = new ScheduledThreadPoolExecutor(2, named("medsync-plugin-"));
        // Plugins re-arm timers often (typing indicators): a cancelled timer must leave the queue at once.
        plugins.setRemoveOnCancelPolicy(true);
        this.pluginScheduler = plugins;
        ServerSettings.RecoverySettings recoverySettings = settings.recovery();
        LocalDelivery delivery = new LocalDelivery(namespaces, metrics::eventsDelivered, metrics::deliveryWritten,
                recoverySettings.enabled());
        if (settings.store() == ServerSettings.StoreType.REDIS) {
            // The shared stream is the cluster's delivery path and its recovery log at once.
            RedisCluster redis = RedisCluster.join(settings.redis(), delivery, mapper, metrics.registry());
            this.cluster = Optional.of(redis);
            this.deliveryThread = Optional.empty();
            this.store = redis.store();
            this.broker = redis.broker();
            this.auditTrail = redis.audit();
            this.leases = new ClusterLeases(redis.leaseStore(), redis.node(), settings.redis().leaseTtl(),
                    metrics.registry());
        } else {
            MemoryKeyValueStore memory = new MemoryKeyValueStore(java.time.Clock.systemUTC(),
                    settings.memoryStore().maxEntries(), housekeeping);
            // The same metric as a cluster node's, so dashboards need no case for one node.
            Gauge.builder("medsync.store.up", () -> 1).description("1: the in-memory store is always up")
                    .register(metrics.registry());
            Gauge.builder("medsync.store.entries", memory, MemoryKeyValueStore::size)
                    .description("entries in the memory store, expired ones not yet swept included")
                    .register(metrics.registry());
            FunctionCounter.builder("medsync.store.evictions", memory, MemoryKeyValueStore::evictions)
                    .description("live entries the memory store dropped to keep to medsync.store.memory-max-entries")
                    .register(metrics.registry());
            housekeeping.scheduleWithFixedDelay(memory::evictExpired, 1, 1, TimeUnit.MINUTES);
            this.cluster = Optional.empty();
            this.store = memory;
            this.auditTrail = new AuditTrail(SINGLE_NODE);
            // The log keeps events only as long as, and only when, a recovering client may need them.
            DeliveryThread deliveries = new DeliveryThread(delivery::deliverAll, DELIVERY_BACKLOG);
            this.deliveryThread = Optional.of(deliveries);
            Gauge.builder("medsync.delivery.backlog", deliveries, DeliveryThread::backlog)
                    .description("events accepted and not yet delivered to this node's sockets")
                    .register(metrics.registry());
            MemoryBroker memoryBroker = new MemoryBroker(deliveries, recoverySettings.window(),
                    recoverySettings.enabled() ? recoverySettings.maxEvents() : 0, java.time.Clock.systemUTC());
            delivery.startsAfter(memoryBroker.origin());
            this.broker = memoryBroker;
            this.leases = new ClusterLeases(new MemoryLeaseStore(System::nanoTime), SINGLE_NODE,
                    settings.redis().leaseTtl(), metrics.registry());
        }
        ConnectionRecovery recovery = new ConnectionRecovery(recoverySettings.enabled(), recoverySettings.window(),
                store, broker, delivery, mapper, metrics::recovery);
        if (recoverySettings.enabled()) {
            long refresh = ConnectionRecovery.refreshInterval(recoverySettings.window()).toMillis();
            housekeeping.scheduleWithFixedDelay(recovery::refreshSessions, refresh, refresh, TimeUnit.MILLISECONDS);
        }
        // Without Redis, what clients relay to each other still reaches the sockets of this node.
        SocketPlatform socketPlatform = new SocketServices(roomAccess, broker,
                event -> cluster.ifPresent(redis -> redis.deliverLocally(event)), socketEvents, metrics);
        this.gateway = new SocketGateway(namespaces,
                authenticator.orElseGet(() -> new JwtAuthenticator(credentials.jwt())), clientEvents,
                socketEvents, settings.limits(), handlerPool, mapper,
                new RecoveringSocketOpener(recovery, socketPlatform, settings.limits()));
        namespaces.serve(CANONICAL_NAMESPACE, EventTranslator.CANONICAL);
        metrics.track(namespaces);

        // A dev server also takes browsers on localhost, so a page served by a local dev server can connect.
        OriginPolicy origins = new OriginPolicy(settings.allowedOrigins(), credentials.anyGenerated());
        this.socketEngine = new SocketIoEngine(settings.socket(), bindHost, gateway, origins);
        this.adminUiEngine = adminUi.map(ui -> adminUiEngine(ui, origins));

        Map<String, HealthEndpoints.Check> readiness = new LinkedHashMap<>();
        readiness.put("socket", () -> socketEngine.isListening() ? Optional.empty()
                : Optional.of("the Socket.IO port is not listening"));
        readiness.put("store", () -> cluster.isPresent() ? cluster.get().problem() : Optional.empty());
        cluster.ifPresent(redis -> readiness.put("stream", redis::streamProblem));
        this.health = new HealthEndpoints(readiness);
        this.publishService = new PublishService(publishedEvents, store, broker, settings.idempotencyTtl(),
                event -> {
                    metrics.published(event.name());
                    eventTail.published(event);
                });
        this.stats = new NodeStats(namespaces, metrics,
                () -> this.plugins == null ? Map.of("started", List.of()) : this.plugins.figures(), leases::held,
                health::readiness, cluster);
        this.httpRoutes = ApiRoutes.build(health, metrics, new PublishEndpoint(publishService, credentials.apiKey()),
                cluster.isEmpty());
        ServerSettings.ConsoleSettings consoleSettings = settings.console();
        this.console = consoleSettings.enabled()
                ? Optional.of(Console.create(credentials.adminToken(), consoleSettings.secureCookie(),
                        consoleSettings.sessionIdleTimeout(), consoleSettings.loginFailuresPerMinute(), auditTrail))
                : Optional.empty();
        console.ifPresent(routes -> routes.routeOn(httpRoutes));
    }

    /**
     * Starts a node from a loaded configuration (see {@link com.medsync.realtime.server.config.ConfigLoader}).
     *
     * @throws InvalidSettingException when a setting is missing or wrong
     * @throws IllegalStateException when a port cannot be bound
     */
    public static MedsyncServer start(Config config) {
        return start(config, PlatformVersion.current());
    }

    /** As {@link #start(Config)}, checking plugins against the given platform version. */
    public static MedsyncServer start(Config config, String platformVersion) {
        return start(config, platformVersion, Optional.empty());
    }

    /**
     * As {@link #start(Config)} with another authenticator than the configured JWT one: for test fixtures
     * (the protocol conformance server authenticates nobody), never reachable from configuration.
     */
    public static MedsyncServer start(Config config, String platformVersion, Optional<Authenticator> authenticator) {
        ServerSettings settings = ServerSettings.from(new Settings(config));
        Credentials credentials = Credentials.resolve(settings);
        MedsyncServer server = new MedsyncServer(settings, credentials, authenticator);
        try {
            server.awaitCluster();
            server.startPlugins(config, platformVersion);
            server.startPorts();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Waits for the first connection attempt, so that a node whose Redis is up starts from the cluster's plugin
     * set. A node whose Redis is down starts all the same, not ready, and catches up once Redis answers.
     */
    private void awaitCluster() {
        cluster.ifPresent(redis -> {
            if (!redis.awaitConnection(FIRST_CONNECTION_WAIT)) {
                log.error("Starting from the local plugin state, not ready until Redis answers: {}",
                        redis.problem().orElse("connected just now"));
            }
        });
    }

    /** Plugins start before the ports open, so the first clients find every feature (and "/") in place. */
    private void startPlugins(Config config, String platformVersion) {
        EventPublisher publisher = publishService::publishOne;
        PlatformServices services = new PlatformServices(clientEvents, publishedEvents, roomAccess, socketEvents,
                namespaces, httpRoutes, store, metrics.registry(), pluginScheduler, leases, publisher, config,
                mapper);
        plugins = PluginPlatform.start(settings.pluginsDir(), settings.stateDir(), platformVersion, settings.phase(),
                services, cluster.map(redis -> redis.pluginSharing(settings.pluginSharing().maxJarBytes(),
                        settings.pluginSharing().applyTimeout())).orElse(PluginSharing.none()));
        cluster.ifPresent(redis -> redis.keepInStep(plugins, stats::nodeFigures));
        new AdminEndpoints(plugins, stats::stats, credentials.adminToken(), new AuditLog(auditTrail),
                consoleEndpoints(), console.map(Console::access)).routeOn(httpRoutes);
    }

    private ConsoleEndpoints consoleEndpoints() {
        SocketDisconnects disconnects = new SocketDisconnects(namespaces, gateway::disconnect);
        Optional<Supplier<List<JsonNode>>> clusterNodes = cluster.map(redis -> redis::nodes);
        return new ConsoleEndpoints(new ConsoleEndpoints.Sources(plugins, namespaces, disconnects, auditTrail,
                eventTail, cluster.map(RedisCluster::node).orElse(SINGLE_NODE),
                cluster.map(redis -> redis.disconnects(disconnects::user)), clusterNodes));
    }

    private void startPorts() {
        socketEngine.start();
        adminUiEngine.ifPresent(engine -> {
            engine.start();
            log.info("Socket.IO Admin UI port: {}:{} (for the operators' network only)", bindHost, engine.port());
        });
        httpServer = HttpApiServer.start(
                new HttpServerSettings(bindHost, settings.http().port(), settings.http().maxBodyBytes(),
                        settings.http().handlerThreads(), settings.socket().nativeTransport(),
                        settings.http().ioThreads(), settings.http().requestTimeout(),
                        settings.http().idleTimeout()),
                httpRoutes);
        log.info("HTTP API listening on {}:{}", bindHost, httpServer.port());
        if (credentials.anyGenerated()) {
            DevModeBanner.print(credentials, bindHost, socketEngine.port(), httpServer.port());
        }
    }

    public int socketPort() {
        return socketEngine.port();
    }

    public int httpPort() {
        return httpServer.port();
    }

    /** @return the Socket.IO Admin UI's own port, when medsync.admin-ui.enabled */
    public Optional<Integer> adminUiPort() {
        return adminUiEngine.map(SocketIoEngine::port);
    }

    public String bindHost() {
        return bindHost;
    }

    public Credentials credentials() {
        return credentials;
    }

    public NamespaceRegistry namespaces() {
        return namespaces;
    }

    public ClientEventRouter clientEvents() {
        return clientEvents;
    }

    public PublishedEventHandlers publishedEvents() {
        return publishedEvents;
    }

    public RoomAccess roomAccess() {
        return roomAccess;
    }

    public PluginAdministration plugins() {
        return plugins;
    }

    /**
     * The SIGTERM path: not ready for the drain period, then every transport closed so clients reconnect
     * elsewhere, then everything released.
     */
    public void shutdown() {
        health.markShuttingDown();
        log.info("Shutting down: not ready for {}, then closing {} connections", settings.shutdown().drain(),
                namespaces.all().stream().mapToInt(ServedNamespace::socketCount).sum());
        try {
            Thread.sleep(settings.shutdown().drain().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release(() -> {
            socketEngine.closeGracefully();
            if (!gateway.awaitAllClosed(SESSIONS_SAVED_TIMEOUT)) {
                log.warn("Shutting down before every closed client's session was saved for recovery (waited {})",
                        SESSIONS_SAVED_TIMEOUT);
            }
        });
    }

    public java.time.Duration shutdownGracePeriod() {
        return settings.shutdown().gracePeriod();
    }

    /** Stops taking traffic, then releases everything; safe to call more than once. */
    @Override
    public void close() {
        health.markShuttingDown();
        release(socketEngine::close);
    }

    private void release(Runnable closeSockets) {
        ShutdownSteps steps = new ShutdownSteps().then("closing the Socket.IO port and its clients", closeSockets);
        // Operators' Admin UIs reconnect to whichever node comes back; nothing of theirs is saved.
        adminUiEngine.ifPresent(engine -> steps.then("closing the Socket.IO Admin UI port", engine::close));
        if (httpServer != null) {
            steps.then("closing the HTTP API", httpServer::close);
        }
        cluster.ifPresent(redis -> steps.then("leaving the cluster", redis::leave));
        if (plugins != null) {
            steps.then("stopping plugins", plugins::shutdown);
        }
        // Plugins released their leases as they stopped; what a run still uses is left to expire.
        steps.then("releasing leases", leases::close);
        steps.then("closing the broker", broker::close);
        deliveryThread.ifPresent(thread -> steps.then("stopping the delivery thread", thread::close));
        cluster.ifPresent(redis -> steps.then("closing the Redis connection", redis::close));
        steps.then("stopping event handlers", handlerPool::shutdown)
                .then("stopping plugin tasks", pluginScheduler::shutdownNow)
                .then("stopping housekeeping", housekeeping::shutdownNow)
                .run();
    }

    /**
     * The Admin UI's port: a Socket.IO engine and gateway of their own, whose registry holds {@code /admin} alone,
     * so no app namespace is reachable there. Its sockets are operators': no app authenticator, handler, recovery
     * or listener (metrics, event tail, plugins) hears of them, only its refused logins are counted; the handler
     * threads are shared with the apps'.
     */
    private SocketIoEngine adminUiEngine(AdminUi ui, OriginPolicy origins) {
        NamespaceRegistry operators = new NamespaceRegistry();
        // Of what happens there, the metrics hear only the refused logins to /admin (medsync_auth_failures_total).
        SocketLifecycleListener refusedLogins = new SocketLifecycleListener() {
            @Override
            public void onRefused(String namespace, String reason, boolean served) {
                if (served) {
                    metrics.onRefused(namespace, reason, true);
                }
            }
        };
        SocketGateway adminGateway = new SocketGateway(operators, NO_APP_NAMESPACE, new ClientEventRouter(),
                new SocketEvents(List.of(refusedLogins)), settings.limits(), handlerPool, mapper, NO_RECOVERY);
        ui.start(operators, namespaces, housekeeping, settings.adminUi());
        ServerSettings.SocketSettings apps = settings.socket();
        // The apps' engine settings on the Admin UI's port, with one I/O thread: a few operators connect there.
        ServerSettings.SocketSettings admins = new ServerSettings.SocketSettings(settings.adminUi().port(),
                apps.path(), apps.pingInterval(), apps.pingTimeout(), apps.upgradeTimeout(), apps.firstDataTimeout(),
                apps.connectTimeout(), apps.maxPayloadBytes(), apps.handlerThreads(), apps.perMessageDeflate(), 1,
                apps.nativeTransport());
        return new SocketIoEngine(admins, bindHost, adminGateway, origins);
    }

    /** The Admin UI's port serves no app namespace: its gateway never asks for an app's authentication. */
    private static final Authenticator NO_APP_NAMESPACE = handshake -> {
        throw new AuthenticationException("no app namespace on the Socket.IO Admin UI's port");
    };

    /** Nor does it open or keep an app's socket. */
    private static final SocketRecovery NO_RECOVERY = new SocketRecovery() {
        @Override
        public SocketSession open(ServedNamespace namespace, Principal principal, Map<String, Object> auth,
                EngineConnection connection) {
            throw new IllegalStateException("no app namespace on the Socket.IO Admin UI's port: " + namespace.name());
        }

        @Override
        public void closed(SocketSession socket, Set<Room> rooms, boolean recoverable) {
        }
    };

    /** What the Admin UI sees of this node; read only once the node is built (the gateway and engine come late). */
    private final class AdminUiView implements AdminUiNode {

        @Override
        public Collection<ServedNamespace> namespaces() {
            return namespaces.all();
        }

        @Override
        public int connectionCount() {
            return socketEngine.connectionCount();
        }

        @Override
        public int pollingConnectionCount() {
            return socketEngine.pollingConnectionCount();
        }

        @Override
        public EngineTraffic.Totals traffic() {
            return socketEngine.traffic().snapshot();
        }

        @Override
        public void disconnect(SocketSession socket, boolean closeConnection) {
            gateway.disconnect(socket, closeConnection);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
