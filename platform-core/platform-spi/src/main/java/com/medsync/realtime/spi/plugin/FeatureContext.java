package com.medsync.realtime.spi.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.event.EventPublisher;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.socket.ClientEventHandler;
import com.medsync.realtime.spi.socket.SocketListener;
import com.medsync.realtime.spi.store.KeyValueStore;

import java.util.List;

/**
 * The platform, as one started feature sees it. Every registration made here lasts until the plugin
 * stops; the platform undoes them all then, in reverse order.
 */
public interface FeatureContext {

    /** @return the plugin's id ({@code Plugin-Id}) */
    String pluginId();

    /**
     * @return the plugin's own configuration: the HOCON subtree {@code medsync.plugin-config.<pluginId>} as
     *     JSON, an empty object when there is none
     */
    JsonNode config();

    /** @return a key-value store whose keys are private to this plugin (and shared by its nodes in a cluster) */
    KeyValueStore store();

    /** @return timers and background work, cancelled when the plugin stops; plugins start no threads of their own */
    PluginScheduler scheduler();

    /** @return meters, tagged with the plugin id */
    PluginMetrics metrics();

    /** @return publishes canonical events through their owners, as the publish API does */
    EventPublisher publisher();

    /** Handles a client event on every served namespace. */
    void handleClientEvent(String event, ClientEventHandler handler);

    /** Owns a canonical event on the publish API: validates its payload and chooses its rooms. */
    void ownEvent(PublishedEventHandler handler);

    /** Adds a link to the room-policy chain. */
    void addRoomPolicy(RoomPolicy policy);

    /** Hears about sockets connecting, leaving rooms and disconnecting. */
    void addSocketListener(SocketListener listener);

    /**
     * Serves a namespace while the plugin runs; when the plugin stops, the namespace is gone and its
     * clients are disconnected. Clients authenticate and use rooms as on any namespace. Declare it in the jar's
     * manifest too ({@code Plugin-Namespaces: /legacy}, comma-separated), so that operators planning a phase see
     * it before the plugin ever ran; one served but not declared is served all the same, with a warning.
     *
     * @param translator what each canonical event becomes on this namespace
     */
    void serveNamespace(String namespace, EventTranslator translator);

    /**
     * Answers HTTP requests on the API port at {@code /webhooks/{path}} (path segments may be
     * {@code {name}} parameters). The handler authenticates the caller itself, as only it knows how.
     */
    void addWebhook(String method, String path, WebhookHandler handler);

    /**
     * @return the instances of an extension point declared by started plugins (for example the delivery
     *     providers of the dispatch feature), in plugin order; call again rather than keeping the list
     */
    <T> List<T> extensions(Class<T> extensionPoint);
}
