package com.medsync.realtime.server.plugin.feature;

import com.medsync.realtime.spi.plugin.PluginMetrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.function.Supplier;

/** A plugin's meters: {@code medsync.plugin.<name>} tagged {@code plugin=<id>}; gauges go when it stops. */
final class PluginMeters implements PluginMetrics {

    private final String pluginId;
    private final MeterRegistry registry;
    private final Registrations registrations;

    PluginMeters(String pluginId, MeterRegistry registry, Registrations registrations) {
        this.pluginId = pluginId;
        this.registry = registry;
        this.registrations = registrations;
    }

    @Override
    public void increment(String name, String... tags) {
        registry.counter(meterName(name), tags(tags)).increment();
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
        registry.timer(meterName(name), tags(tags)).record(duration);
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge gauge = Gauge.builder(meterName(name), value, supplier -> {
            Number number = supplier.get();
            return number == null ? Double.NaN : number.doubleValue();
        }).tags(tags(tags)).register(registry);
        // The gauge holds the plugin's supplier: it must go with the plugin.
        registrations.added("gauge " + name, () -> registry.remove(gauge));
    }

    private static String meterName(String name) {
        return "medsync.plugin." + name;
    }

    private Tags tags(String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags are key, value pairs");
        }
        return Tags.of(tags).and("plugin", pluginId);
    }
}
