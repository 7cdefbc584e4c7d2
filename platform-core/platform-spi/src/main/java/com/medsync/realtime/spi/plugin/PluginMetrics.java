package com.medsync.realtime.spi.plugin;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Meters of one plugin, exported at {@code /metrics} as {@code medsync_plugin_<name>} with a
 * {@code plugin} tag. Tags are key, value pairs; keep their values few (no user ids).
 */
public interface PluginMetrics {

    void increment(String name, String... tags);

    void record(String name, Duration duration, String... tags);

    /** A value read at each scrape; removed when the plugin stops. */
    void gauge(String name, Supplier<Number> value, String... tags);
}
