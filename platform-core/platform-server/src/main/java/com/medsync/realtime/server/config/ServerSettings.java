package com.medsync.realtime.server.config;

import com.medsync.realtime.http.HttpServerSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the server reads from configuration, checked once at start-up.
 */
public record ServerSettings(
        Profile profile,
        String bindHost,
        SocketSettings socket,
        LimitSettings limits,
        RecoverySettings recovery,
        ShutdownSettings shutdown,
        HttpSettings http,
        JwtConfig jwt,
        Optional<String> apiKey,
        Optional<String> adminToken,
        Duration idempotencyTtl,
        CallbackSettings roomCallback,
        Path pluginsDir,
        Path stateDir,
        Optional<String> phase,
        StoreType store,
        MemoryStoreSettings memoryStore,
        RedisSettings redis,
        List<String> allowedOrigins,
        PluginSharingSettings pluginSharing,
        AdminUiSettings adminUi,
        ConsoleSettings console) {

    /**
     * The operator console at {@code /console/} on the HTTP API port: whether it is served, whether its session
     * cookie is marked {@code Secure} (the console is reached over HTTPS through a proxy), how long an unused
     * session lives, and how many failed logins one remote address may make per minute.
     */
    public record ConsoleSettings(boolean enabled, boolean secureCookie, Duration sessionIdleTimeout,
            int loginFailuresPerMinute) {
    }

    /** A bcrypt hash as the Admin UI's reference server takes it: version, two-digit cost, 22 + 31 characters. */
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    /**
     * The Socket.IO Admin UI: whether {@code /admin} is served, the login it takes (both present or both absent),
     * whether its commands are refused, the name this node has in it ({@code serverId}), and how often it gets the
     * node's figures.
     */
    public record AdminUiSettings(boolean enabled, int port, Optional<String> username, Optional<String> passwordHash,
            boolean readonly, Optional<String> serverId, Duration statsInterval) {

        /** @return whether the Admin UI asks for a username and password */
        public boolean requiresLogin() {
            return passwordHash.isPresent();
        }
    }

    /**
     * How a cluster shares the plugins: a jar loaded through the admin API bigger than {@code maxJarBytes} is
     * not shared (refused), and a phase applied waits at most {@code applyTimeout} for the other nodes.
     */
    public record PluginSharingSettings(int maxJarBytes, Duration applyTimeout) {
    }

    /**
     * Engine settings of the Socket.IO port.
     *
     * @param perMessageDeflate whether WebSocket clients that offer permessage-deflate get it
     * @param ioThreads         the threads that read and write the connections
     * @param nativeTransport   whether Linux's epoll transport is used where it is available
     */
    public record SocketSettings(int port, String path, Duration pingInterval, Duration pingTimeout,
            Duration upgradeTimeout, Duration firstDataTimeout, Duration connectTimeout, int maxPayloadBytes,
            int handlerThreads, boolean perMessageDeflate, int ioThreads, boolean nativeTransport) {
    }

    /** What one client may do. */
    public record LimitSettings(int clientEventsPerSecond, int clientEventBurst, int refusalsBeforeDisconnect,
            int roomsPerSocket, int connectionsPerUser, int outboundQueue, int attachmentsPerPacket) {
    }

    /**
     * Socket.IO connection state recovery: whether it is on, how long a lost connection stays recoverable
     * (and published events replayable), and how many events the memory broker keeps for replay at most.
     */
    public record RecoverySettings(boolean enabled, Duration window, int maxEvents) {
    }

    /** How a node stops on SIGTERM. */
    public record ShutdownSettings(Duration drain, Duration gracePeriod) {
    }

    /**
     * Settings of the HTTP API port.
     *
     * @param ioThreads      the HTTP API's network threads
     * @param requestTimeout how long a client may take to send one request
     * @param idleTimeout    how long a connection may go without a request
     */
    public record HttpSettings(int port, int maxBodyBytes, int handlerThreads, int ioThreads,
            Duration requestTimeout, Duration idleTimeout) {
    }

    /** Token verification settings, before dev mode fills in a missing secret. */
    public record JwtConfig(Optional<String> secret, Optional<Path> publicKey, Optional<String> issuer,
            Optional<String> audience, Duration clockSkew) {
    }

    /** The optional room-authorization callback to the backend. */
    public record CallbackSettings(Optional<URI> url, Duration timeout, Duration allowCacheTtl,
            Duration denyCacheTtl) {
    }

    /**
     * The Redis of a cluster: every key, channel and stream name starts with {@code prefix}, so deployments
     * can share one Redis. {@code eventRetention} is how long the event stream keeps an event (the recovery
     * window plus a margin); {@code reconnectMaxDelay} caps the backoff between reconnection attempts;
     * {@code maxStreamLag} is how long the oldest event this node has not delivered may wait before the node
     * reports not ready; {@code leaseTtl} is how long a once-per-cluster task's lease lasts unless renewed (a dead
     * holder's task moves to another node within about that).
     */
    public record RedisSettings(String url, String prefix, Duration commandTimeout, Duration eventRetention,
            Duration reconnectMaxDelay, Duration maxStreamLag, Duration leaseTtl) {
    }

    /**
     * The one-node store: past {@code maxEntries} entries it drops expired entries, then those soonest to
     * expire, so it cannot fill the heap.
     */
    public record MemoryStoreSettings(int maxEntries) {
    }

    /** Where shared state lives. */
    public enum StoreType {
        MEMORY,
        REDIS
    }

    public static ServerSettings from(Settings s) {
        String path = s.string("medsync.socket.path");
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new InvalidSettingException("medsync.socket.path", "must start with / and not end with /, got " + path);
        }
        return new ServerSettings(
                s.enumValue("medsync.profile", Profile.class),
                s.string("medsync.bind"),
                new SocketSettings(
                        s.port("medsync.socket.port"),
                        path,
                        positive(s, "medsync.socket.ping-interval"),
                        positive(s, "medsync.socket.ping-timeout"),
                        positive(s, "medsync.socket.upgrade-timeout"),
                        positive(s, "medsync.socket.first-data-timeout"),
                        positive(s, "medsync.socket.connect-timeout"),
                        s.positiveInteger("medsync.socket.max-payload-bytes"),
                        s.positiveInteger("medsync.socket.handler-threads"),
                        s.bool("medsync.socket.per-message-deflate"),
                        connectionThreads(s),
                        s.bool("medsync.socket.native-transport")),
                new LimitSettings(
                        s.positiveInteger("medsync.limits.client-events-per-second"),
                        s.positiveInteger("medsync.limits.client-event-burst"),
                        s.positiveInteger("medsync.limits.refusals-before-disconnect"),
                        s.positiveInteger("medsync.limits.rooms-per-socket"),
                        s.positiveInteger("medsync.limits.connections-per-user"),
                        s.positiveInteger("medsync.limits.outbound-queue"),
                        s.positiveInteger("medsync.limits.attachments-per-packet")),
                new RecoverySettings(
                        s.bool("medsync.recovery.enabled"),
                        positive(s, "medsync.recovery.window"),
                        s.positiveInteger("medsync.recovery.max-events")),
                new ShutdownSettings(
                        s.duration("medsync.shutdown.drain"),
                        positive(s, "medsync.shutdown.grace-period")),
                new HttpSettings(
                        s.port("medsync.http.port"),
                        s.positiveInteger("medsync.http.max-body-bytes"),
                        s.positiveInteger("medsync.http.handler-threads"),
                        httpIoThreads(s),
                        positive(s, "medsync.http.request-timeout"),
                        positive(s, "medsync.http.idle-timeout")),
                new JwtConfig(
                        s.optionalString("medsync.auth.jwt.secret"),
                        s.optionalPath("medsync.auth.jwt.public-key"),
                        s.optionalString("medsync.auth.jwt.issuer"),
                        s.optionalString("medsync.auth.jwt.audience"),
                        s.duration("medsync.auth.jwt.clock-skew")),
                s.optionalString("medsync.api-key"),
                s.optionalString("medsync.admin-token"),
                positive(s, "medsync.publish.idempotency-ttl"),
                new CallbackSettings(
                        s.optionalHttpUrl("medsync.rooms.authorization-callback.url"),
                        positive(s, "medsync.rooms.authorization-callback.timeout"),
                        s.duration("medsync.rooms.authorization-callback.allow-cache-ttl"),
                        s.duration("medsync.rooms.authorization-callback.deny-cache-ttl")),
                Path.of(s.string("medsync.plugins.dir")),
                Path.of(s.string("medsync.state.dir")),
                s.optionalString("medsync.phase"),
                s.enumValue("medsync.store.type", StoreType.class),
                new MemoryStoreSettings(s.positiveInteger("medsync.store.memory-max-entries")),
                redis(s),
                s.stringList("medsync.allowed-origins"),
                new PluginSharingSettings(
                        s.positiveInteger("medsync.plugins.max-jar-bytes"),
                        positive(s, "medsync.plugins.cluster-apply-timeout")),
                adminUi(s, s.port("medsync.socket.port"), s.port("medsync.http.port")),
                new ConsoleSettings(
                        s.bool("medsync.console.enabled"),
                        s.bool("medsync.console.secure-cookie"),
                        positive(s, "medsync.console.session-idle-timeout"),
                        s.positiveInteger("medsync.console.login-failures-per-minute")));
    }

    private static AdminUiSettings adminUi(Settings s, int socketPort, int httpPort) {
        Optional<String> username = s.optionalString("medsync.admin-ui.username");
        Optional<String> hash = s.optionalString("medsync.admin-ui.password-hash");
        AdminUiSettings settings = new AdminUiSettings(s.bool("medsync.admin-ui.enabled"),
                s.port("medsync.admin-ui.port"), username, hash,
                s.bool("medsync.admin-ui.readonly"), s.optionalString("medsync.admin-ui.server-id"),
                positive(s, "medsync.admin-ui.stats-interval"));
        if (!settings.enabled()) {
            return settings;
        }
        if (settings.port() != 0 && (settings.port() == socketPort || settings.port() == httpPort)) {
            // The apps' port is the one the load balancer exposes: the Admin UI has a port of its own.
            throw new InvalidSettingException("medsync.admin-ui.port", "must differ from medsync.socket.port and "
                    + "medsync.http.port, got " + settings.port());
        }
        if (username.isPresent() != hash.isPresent()) {
            String missing = username.isPresent() ? "medsync.admin-ui.password-hash" : "medsync.admin-ui.username";
            throw new InvalidSettingException(missing, "the Admin UI's login needs both a username and a password "
                    + "hash");
        }
        if (hash.isPresent() && !BCRYPT_HASH.matcher(hash.get()).matches()) {
            // Never echo the value: it may be a password pasted where its hash belongs.
            throw new InvalidSettingException("medsync.admin-ui.password-hash", "must be a bcrypt hash such as "
                    + "$2b$10$ followed by 53 characters (see the README, Socket.IO Admin UI), not a password");
        }
        if (hash.isEmpty() && !settings.readonly()) {
            throw new InvalidSettingException("medsync.admin-ui.enabled", "the Admin UI can disconnect sockets and "
                    + "move them between rooms: set medsync.admin-ui.username and medsync.admin-ui.password-hash, or "
                    + "medsync.admin-ui.readonly = true to let it only watch without a login");
        }
        return settings;
    }

    private static RedisSettings redis(Settings s) {
        String url = s.string("medsync.store.redis-url");
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new InvalidSettingException("medsync.store.redis-url",
                    "must be a redis:// or rediss:// URL, got " + url);
        }
        String prefix = s.string("medsync.store.redis-prefix");
        if (prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidSettingException("medsync.store.redis-prefix",
                    "must be a non-empty name without spaces, got '" + prefix + "'");
        }
        return new RedisSettings(url, prefix, positive(s, "medsync.store.redis-command-timeout"),
                positive(s, "medsync.store.redis-event-retention"),
                positive(s, "medsync.store.redis-reconnect-max-delay"),
                positive(s, "medsync.store.redis-max-stream-lag"),
                positive(s, "medsync.store.redis-lease-ttl"));
    }

    /**
     * The connection threads, where 0 means one per two processors the JVM may use, at least one: the HTTP API's
     * event loop, the delivery and the collector need the others, and a publish wakes every connection thread its
     * recipients are on. On 2 cores one thread took 11% less CPU per delivery than two with 10 recipients per event,
     * as much with 100, and kept up with as many events at saturation (benchmarks/README.md, 2026-12-07).
     */
    private static int connectionThreads(Settings s) {
        return threadsOrDefault(s, "medsync.socket.io-threads", "one per two cores",
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** The HTTP API's network threads, where 0 means {@link HttpServerSettings#defaultIoThreads()}. */
    private static int httpIoThreads(Settings s) {
        return threadsOrDefault(s, "medsync.http.io-threads", "one per two cores, at most four",
                HttpServerSettings.defaultIoThreads());
    }

    /** A thread count where 0 means {@code byDefault}, which {@code defaultMeaning} describes in a refusal. */
    private static int threadsOrDefault(Settings s, String path, String defaultMeaning, int byDefault) {
        int threads = s.integer(path);
        if (threads < 0) {
            throw new InvalidSettingException(path, "must be 0 (" + defaultMeaning + ") or more, got " + threads);
        }
        return threads == 0 ? byDefault : threads;
    }

    private static Duration positive(Settings s, String path) {
        Duration value = s.duration(path);
        if (value.isZero()) {
            throw new InvalidSettingException(path, "must be greater than 0");
        }
        return value;
    }
}
