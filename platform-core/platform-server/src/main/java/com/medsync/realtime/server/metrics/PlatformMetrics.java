package com.medsync.realtime.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketLifecycleListener;
import com.medsync.realtime.server.socket.SocketSession;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The platform's meters, scraped at {@code GET /metrics} in the Prometheus text format.
 */
public final class PlatformMetrics implements SocketLifecycleListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter eventsDelivered;
    private final Timer deliveryWrite;
    private final MultiGauge connections;
    private final MultiGauge rooms;
    private Runnable refresher = () -> { };
    // Per event: the registry's own lookup builds tags and an id first, a measurable cost at every publish.
    private final Map<String, Counter> publishedByEvent = new ConcurrentHashMap<>();
    private final Map<String, Counter> clientEventsByNamespace = new ConcurrentHashMap<>();

    public PlatformMetrics() {
        // Before any meter: a filter configures only meters registered after it.
        registry.config().meterFilter(new CommandLatencyBuckets());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        eventsDelivered = Counter.builder("medsync.events.out")
                .description("Events sent to sockets (one per socket per event)")
                .register(registry);
        deliveryWrite = Timer.builder("medsync.delivery.write")
                .description("From this node's broker handing an event over to a connection thread having written it "
                        + "to its WebSocket recipients: one sample per event and connection thread")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        connections = MultiGauge.builder("medsync.connections")
                .description("Connected sockets per namespace")
                .register(registry);
        rooms = MultiGauge.builder("medsync.rooms")
                .description("Rooms with at least one local member, per namespace")
                .register(registry);
    }

    /** Keeps the per-namespace gauges in step with the namespaces served now. */
    public void track(NamespaceRegistry namespaces) {
        Runnable refresh = () -> {
            connections.register(namespaces.all().stream()
                    .map(ns -> MultiGauge.Row.of(Tags.of("namespace", ns.name()), ns, ServedNamespace::socketCount))
                    .collect(Collectors.toList()), true);
            rooms.register(namespaces.all().stream()
                    .map(ns -> MultiGauge.Row.of(Tags.of("namespace", ns.name()), ns, ServedNamespace::roomCount))
                    .collect(Collectors.toList()), true);
        };
        refresh.run();
        this.refresher = refresh;
    }

    /** Called before each scrape so namespaces added or removed since are reflected. */
    public String scrape() {
        refresher.run();
        return registry.scrape();
    }

    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** @return events received so far, from clients and from the publish API */
    public long eventsIn() {
        return (long) registry.find("medsync.events.in").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** @return socket deliveries so far */
    public long eventsOut() {
        return (long) eventsDelivered.count();
    }

    public void eventsDelivered(int count) {
        eventsDelivered.increment(count);
    }

    /** An event was written to a connection thread's WebSocket recipients this long after it was handed over. */
    public void deliveryWritten(long nanos) {
        deliveryWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onClientEvent(SocketSession socket, String event, JsonNode args) {
        clientEventsByNamespace.computeIfAbsent(socket.namespace(),
                namespace -> registry.counter("medsync.events.in", "source", "client", "namespace", namespace))
                .increment();
    }

    /** A CONNECT asked for connection state recovery; {@code outcome} is "recovered" or "fresh". */
    public void recovery(String outcome) {
        registry.counter("medsync.recoveries", "outcome", outcome).increment();
    }

    /** An event accepted by the publish API (only names a started plugin owns: the tags stay few). */
    public void published(String event) {
        publishedByEvent.computeIfAbsent(event,
                name -> registry.counter("medsync.events.in", "source", "publish", "event", name)).increment();
    }

    @Override
    public void onHandshake(String namespace, Duration duration, boolean accepted) {
        registry.timer("medsync.handshake", "namespace", namespace, "outcome", accepted ? "accepted" : "refused")
                .record(duration);
    }

    /** Only served namespaces become tags: a client can ask for any name, and tags must stay few. */
    @Override
    public void onRefused(String namespace, String reason, boolean served) {
        registry.counter("medsync.auth.failures", "namespace", served ? namespace : "unserved", "reason", reason)
                .increment();
    }

    @Override
    public void onLimit(String limit) {
        registry.counter("medsync.limit.refusals", "limit", limit).increment();
    }

    @Override
    public void onConnect(SocketSession socket) {
        registry.counter("medsync.connects", "namespace", socket.namespace()).increment();
    }

    @Override
    public void onDisconnect(SocketSession socket) {
        registry.counter("medsync.disconnects", "namespace", socket.namespace()).increment();
    }
}
