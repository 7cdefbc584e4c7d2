package com.medsync.realtime.server.cluster;

import com.medsync.realtime.server.config.ServerSettings.RedisSettings;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This node's link to the cluster's Redis: one shared connection for commands and one for the blocking read
 * of the event stream (a blocking read would hold up every other command on a shared connection).
 *
 * <p>The first connection is attempted in the background with backoff, so a node whose Redis is down at
 * start still starts, reports not ready and says why. Once connected, Lettuce reconnects by itself with
 * exponential backoff; meanwhile commands fail at once (rather than queueing), so callers can answer 503.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final List<Runnable> onFirstConnection = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final Thread connector;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisConnection<String, String> streamReader;
    private volatile String lastFailure = "not connected yet";
    private volatile boolean closed;

    public RedisLink(RedisSettings settings) {
        this(settings, Optional.empty());
    }

    /**
     * @param latencies where every Redis command's latency is recorded (Lettuce's {@code lettuce.command.*}
     *                  timers, by command type), if anywhere
     */
    public RedisLink(RedisSettings settings, Optional<MeterRegistry> latencies) {
        this.settings = settings;
        ClientResources.Builder builder = ClientResources.builder()
                .reconnectDelay(Delay.exponential(FIRST_DELAY, settings.reconnectMaxDelay(), 2, TimeUnit.MILLISECONDS));
        latencies.ifPresent(registry -> builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(
                registry, MicrometerOptions.builder().histogram(true).build())));
        this.resources = builder.build();
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        // The command timeout is the URI's, per connection: a client-wide TimeoutOptions would also cut the
        // stream reader's blocking XREAD short.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.connector = new Thread(this::connectWithBackoff, "medsync-redis-connect");
        connector.setDaemon(true);
    }

    /** Starts connecting in the background; {@code whenConnected} runs once, after the first connection. */
    public void start(Runnable whenConnected) {
        onFirstConnection.add(whenConnected);
        connector.start();
    }

    /**
     * Waits until the first connection attempt has an outcome (a cold JVM may take seconds to make the first
     * one), at most {@code timeout}.
     *
     * @return true when connected
     */
    public boolean awaitFirstAttempt(Duration timeout) {
        try {
            firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return commands != null;
    }

    /** @return the configured name with this deployment's prefix */
    public String key(String name) {
        return settings.prefix() + name;
    }

    public RedisSettings settings() {
        return settings;
    }

    /**
     * @return commands on the shared connection
     * @throws StoreUnavailableException before the first connection succeeded
     */
    public RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            throw unavailable(null);
        }
        return connection.sync();
    }

    /**
     * @return a connection of its own for Redis pub/sub (a subscribed connection takes no other commands); Lettuce
     *     reconnects it and subscribes it again by itself
     * @throws StoreUnavailableException when Redis cannot be reached
     */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return client.connectPubSub();
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /** @return commands on the connection reserved for blocking stream reads, or empty before the first connection */
    Optional<RedisCommands<String, String>> streamReader() {
        StatefulRedisConnection<String, String> connection = streamReader;
        return connection == null ? Optional.empty() : Optional.of(connection.sync());
    }

    /** @return why Redis cannot serve this node now, or empty when it answers a PING */
    public Optional<String> problem() {
        try {
            commands().ping();
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            return Optional.of(e.getMessage());
        } catch (RedisException e) {
            return Optional.of(unavailable(e).getMessage());
        }
    }

    /**
     * Runs commands, turning a Redis failure into the exception the platform answers 503 for.
     *
     * @throws StoreUnavailableException when Redis cannot be reached or the commands fail
     */
    public <T> T call(Supplier<T> commands) {
        try {
            return commands.get();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /** Wraps a Redis failure in the exception the platform answers 503 for. */
    public StoreUnavailableException unavailable(RuntimeException cause) {
        String reason = cause == null ? lastFailure : describe(cause);
        return new StoreUnavailableException("Redis at " + redacted() + " is unavailable: " + reason, cause);
    }

    private void connectWithBackoff() {
        Backoff backoff = new Backoff(FIRST_DELAY, settings.reconnectMaxDelay());
        while (!closed) {
            try {
                StatefulRedisConnection<String, String> shared = client.connect();
                StatefulRedisConnection<String, String> reader;
                try {
                    reader = client.connect();
                } catch (RedisException e) {
                    shared.close();
                    throw e;
                }
                // The blocking read waits up to a second; it must not be cut short by the command timeout.
                reader.setTimeout(settings.commandTimeout().plus(RedisBroker.BLOCK));
                streamReader = reader;
                commands = shared;
                log.info("Connected to Redis at {} (prefix '{}')", redacted(), settings.prefix());
                onFirstConnection.forEach(Runnable::run);
                firstAttempt.countDown();
                return;
            } catch (RedisException e) {
                lastFailure = describe(e);
                firstAttempt.countDown();
                log.warn("Cannot connect to Redis at {}: {}; retrying in {} ms", redacted(), lastFailure,
                        backoff.next().toMillis());
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    /** The URL without a password, for logs and health answers. */
    String redacted() {
        return settings.url().replaceFirst("//[^@/]*@", "//***@");
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause == e ? message : e.getMessage() + " (" + message + ")";
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        for (StatefulRedisConnection<String, String> connection : java.util.Arrays.asList(commands, streamReader)) {
            if (connection != null) {
                connection.close();
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
