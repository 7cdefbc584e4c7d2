package com.medsync.realtime.it.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

import java.lang.ref.WeakReference;
import java.util.Set;

/**
 * Test plugin "echo": answers the client event {@code echo} by emitting it back, and owns {@code test:echo}
 * on the publish API (rooms from {@code to} only; a {@code sleepMs} member makes its handler block that long). It leaves a weak reference to its class loader in the
 * system properties, so a test can watch the loader being collected after unload.
 */
@Extension
public final class EchoFeature implements MedsyncFeature {

    public static final String LOADER_PROPERTY = "medsync.it.echo.loader";
    @Override
    public void stop() {
        StopOrder.record("echo");
    }

    @Override
    public void start(FeatureContext context) {
        System.getProperties().put(LOADER_PROPERTY, new WeakReference<>(getClass().getClassLoader()));
        context.handleClientEvent("echo", event -> {
            event.socket().emit("echo", event.firstArg());
            event.ack().ok();
        });
        // Reports whether plugin code runs with the plugin's class loader as context class loader.
        context.handleClientEvent("whoami", event -> {
            boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
            event.socket().emit("whoami", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("contextClassLoaderIsPlugins", own));
            event.ack().ok();
        });
        context.handleClientEvent("explode", event -> {
            throw new IllegalStateException("plugin bug");
        });
        context.handleClientEvent("unlinked", event -> {
            throw new NoClassDefFoundError("com/example/Missing");
        });
        context.ownEvent(new PublishedEventHandler() {
            @Override
            public String eventName() {
                return "test:echo";
            }

            @Override
            public Routing route(JsonNode data) throws ContractViolation {
                if (!data.isObject()) {
                    throw new ContractViolation("", "data must be an object");
                }
                // A handler that breaks the SPI's rule and blocks, as a test asks it to.
                long sleepMs = data.path("sleepMs").asLong(0);
                if (sleepMs > 0) {
                    try {
                        Thread.sleep(sleepMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new Routing(Set.of());
            }
        });
    }
}
