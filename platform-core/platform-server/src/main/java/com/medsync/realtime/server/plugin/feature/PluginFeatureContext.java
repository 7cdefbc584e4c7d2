package com.medsync.realtime.server.plugin.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.EventPublisher;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.PluginMetrics;
import com.medsync.realtime.spi.plugin.PluginScheduler;
import com.medsync.realtime.spi.plugin.WebhookHandler;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.socket.ClientEventHandler;
import com.medsync.realtime.spi.socket.ClientSocket;
import com.medsync.realtime.spi.socket.SocketListener;
import com.medsync.realtime.spi.store.KeyValueStore;
import com.typesafe.config.ConfigRenderOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link FeatureContext} of one running plugin. Every registration goes into the plugin's
 * {@link Registrations}, and every callback into plugin code runs with the plugin's class loader as
 * context class loader.
 */
final class PluginFeatureContext implements FeatureContext {

    private static final Logger log = LoggerFactory.getLogger(PluginFeatureContext.class);

    private final String pluginId;
    private final ClassLoader loader;
    private final PlatformServices platform;
    private final Registrations registrations;
    private final PluginTasks tasks;
    private final Function<Class<?>, List<?>> extensionLookup;
    private final KeyValueStore store;
    private final PluginMeters meters;

    PluginFeatureContext(String pluginId, ClassLoader loader, PlatformServices platform, Registrations registrations,
            PluginTasks tasks, Function<Class<?>, List<?>> extensionLookup) {
        this.pluginId = pluginId;
        this.loader = loader;
        this.platform = platform;
        this.registrations = registrations;
        this.tasks = tasks;
        this.extensionLookup = extensionLookup;
        this.store = new ScopedStore(platform.store(), pluginId);
        this.meters = new PluginMeters(pluginId, platform.meters(), registrations);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public JsonNode config() {
        if (!platform.pluginConfig().hasPath(quoted(pluginId))) {
            return platform.mapper().createObjectNode();
        }
        String json = platform.pluginConfig().getValue(quoted(pluginId)).render(ConfigRenderOptions.concise());
        try {
            return platform.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plugin ids may hold dashes and dots, which HOCON paths would split. */
    private static String quoted(String key) {
        return "\"" + key + "\"";
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    @Override
    public PluginScheduler scheduler() {
        return tasks;
    }

    @Override
    public PluginMetrics metrics() {
        return meters;
    }

    @Override
    public EventPublisher publisher() {
        return platform.publisher();
    }

    @Override
    public void handleClientEvent(String event, ClientEventHandler handler) {
        ClientEventHandler inContext = clientEvent -> PluginCalls.run(loader, () -> handler.handle(clientEvent));
        platform.clientEvents().register(event, inContext);
        registrations.added("client event " + event, () -> platform.clientEvents().unregister(event, inContext));
    }

    @Override
    public void ownEvent(PublishedEventHandler handler) {
        PublishedEventHandler inContext = new PublishedEventHandler() {
            @Override
            public String eventName() {
                return handler.eventName();
            }

            @Override
            public Routing route(JsonNode data) throws ContractViolation {
                try {
                    return PluginCalls.call(loader, () -> handler.route(data));
                } catch (ContractViolation | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        platform.publishedEvents().register(inContext);
        registrations.added("event " + handler.eventName(), () -> platform.publishedEvents().unregister(inContext));
    }

    @Override
    public void addRoomPolicy(RoomPolicy policy) {
        RoomPolicy inContext = (principal, room) -> {
            try {
                return PluginCalls.call(loader, () -> policy.decide(principal, room));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        platform.roomAccess().add(inContext);
        registrations.added("room policy " + policy.getClass().getSimpleName(),
                () -> platform.roomAccess().remove(inContext));
    }

    @Override
    public void addSocketListener(SocketListener listener) {
        SocketListener inContext = new SocketListener() {
            @Override
            public void onConnect(ClientSocket socket) {
                PluginCalls.run(loader, () -> listener.onConnect(socket));
            }

            @Override
            public void onLeave(ClientSocket socket, Room room) {
                PluginCalls.run(loader, () -> listener.onLeave(socket, room));
            }

            @Override
            public void onDisconnect(ClientSocket socket) {
                PluginCalls.run(loader, () -> listener.onDisconnect(socket));
            }
        };
        platform.socketEvents().add(inContext);
        registrations.added("socket listener", () -> platform.socketEvents().remove(inContext));
    }

    @Override
    public void serveNamespace(String namespace, EventTranslator translator) {
        EventTranslator inContext = (event, data) -> {
            try {
                return PluginCalls.call(loader, () -> translator.translate(event, data));
            } catch (Exception | LinkageError e) {
                // The namespace still gets the canonical event rather than nothing.
                log.error("Translator of {} (plugin {}) failed on '{}'", namespace, pluginId, event, e);
                return EventTranslator.CANONICAL.translate(event, data);
            }
        };
        platform.namespaces().serve(namespace, inContext);
        registrations.addedNamespace(namespace, () -> platform.namespaces().remove(namespace));
    }

    @Override
    public void addWebhook(String method, String path, WebhookHandler handler) {
        String fullPath = "/webhooks/" + (path.startsWith("/") ? path.substring(1) : path);
        platform.httpRoutes().route(method, fullPath, new WebhookAdapter(handler, loader));
        registrations.added(method + " " + fullPath, () -> platform.httpRoutes().unroute(method, fullPath));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> extensions(Class<T> extensionPoint) {
        return (List<T>) extensionLookup.apply(extensionPoint);
    }
}
