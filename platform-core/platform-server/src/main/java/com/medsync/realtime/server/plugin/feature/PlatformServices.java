package com.medsync.realtime.server.plugin.feature;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.http.Router;
import com.medsync.realtime.server.lease.ClusterLeases;
import com.medsync.realtime.server.publish.PublishedEventHandlers;
import com.medsync.realtime.server.room.RoomAccess;
import com.medsync.realtime.server.socket.ClientEventRouter;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.SocketEvents;
import com.medsync.realtime.spi.event.EventPublisher;
import com.medsync.realtime.spi.store.KeyValueStore;
import com.typesafe.config.Config;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The parts of the server that features plug into, handed to each {@link PluginFeatureContext}.
 *
 * @param leases the leases of once-per-cluster tasks
 * @param config the server's whole configuration; each plugin sees its own {@code medsync.plugin-config} entry
 */
public record PlatformServices(
        ClientEventRouter clientEvents,
        PublishedEventHandlers publishedEvents,
        RoomAccess roomAccess,
        SocketEvents socketEvents,
        NamespaceRegistry namespaces,
        Router httpRoutes,
        KeyValueStore store,
        MeterRegistry meters,
        ScheduledExecutorService scheduler,
        ClusterLeases leases,
        EventPublisher publisher,
        Config config,
        ObjectMapper mapper) {

    private static final String PLUGIN_CONFIG = "medsync.plugin-config";

    /** @return the {@code medsync.plugin-config} subtree, each plugin's settings under its id */
    Config pluginConfig() {
        return config.hasPath(PLUGIN_CONFIG) ? config.getConfig(PLUGIN_CONFIG) : com.typesafe.config.ConfigFactory.empty();
    }
}
