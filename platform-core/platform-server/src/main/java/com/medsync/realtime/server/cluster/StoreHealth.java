package com.medsync.realtime.server.cluster;

import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * This node's view of Redis, probed once a second: whether it answers, and how far the node's stream reader is
 * behind the event stream. Both are metrics ({@code medsync_store_up}, {@code medsync_stream_lag_events},
 * {@code medsync_stream_lag_seconds}); a reader whose oldest undelivered event waited longer than
 * {@code medsync.store.redis-max-stream-lag} makes the node not ready, so a load balancer drains it until it
 * catches up.
 */
final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    private final RedisLink link;
    private final RedisBroker broker;
    private final Duration maxLag;
    private volatile boolean up;
    private volatile StreamLag lag = StreamLag.NONE;

    StoreHealth(RedisLink link, RedisBroker broker, Duration maxLag) {
        this.link = link;
        this.broker = broker;
        this.maxLag = maxLag;
    }

    /** One probe: a PING, then the reader's lag; a failure marks the store down and keeps the last lag. */
    void probe() {
        try {
            link.commands().ping();
            up = true;
            broker.lag().ifPresent(measured -> lag = measured);
        } catch (StoreUnavailableException | RedisException e) {
            up = false;
        } catch (RuntimeException e) {
            up = false;
            log.warn("Probing Redis failed", e);
        }
    }

    boolean isUp() {
        return up;
    }

    StreamLag lag() {
        return lag;
    }

    /** @return why the reader is too far behind to call the node ready, or empty */
    Optional<String> lagProblem() {
        StreamLag now = lag;
        if (!up || now.oldest().compareTo(maxLag) <= 0) {
            return Optional.empty();
        }
        return Optional.of("the event stream reader is " + now.events() + (now.capped() ? "+" : "")
                + " events behind; the oldest waited " + now.oldest().toMillis() + " ms, more than "
                + "medsync.store.redis-max-stream-lag (" + maxLag.toMillis() + " ms)");
    }

    void register(MeterRegistry registry) {
        Gauge.builder("medsync.store.up", this, health -> health.isUp() ? 1 : 0)
                .description("1 when this node's store (Redis) answered its last probe, else 0")
                .register(registry);
        Gauge.builder("medsync.stream.lag.events", this, health -> health.lag().events())
                .description("events of the cluster's stream this node has not delivered yet (counted up to "
                        + StreamLag.COUNT_CAP + ")")
                .register(registry);
        Gauge.builder("medsync.stream.lag.seconds", this, health -> health.lag().oldest().toMillis() / 1000.0)
                .description("how long the oldest event this node has not delivered has waited")
                .register(registry);
    }
}
