package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.ClientEvent;
import com.medsync.realtime.spi.socket.ClientEventHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the handler of each client event. One handler per event name; handlers are added and removed at
 * runtime as features start and stop.
 */
public final class ClientEventRouter {

    private static final Logger log = LoggerFactory.getLogger(ClientEventRouter.class);

    private final Map<String, ClientEventHandler> handlers = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when another handler owns the event */
    public void register(String event, ClientEventHandler handler) {
        if (handlers.putIfAbsent(event, handler) != null) {
            throw new IllegalStateException("client event '" + event + "' already has a handler");
        }
    }

    public void unregister(String event, ClientEventHandler handler) {
        handlers.remove(event, handler);
    }

    /** @return the client events handled now */
    public Set<String> handled() {
        return Set.copyOf(handlers.keySet());
    }

    void dispatch(ClientEvent event) {
        ClientEventHandler handler = handlers.get(event.name());
        if (handler == null) {
            event.ack().error(AckError.BAD_REQUEST, "no handler for event '" + event.name() + "'");
            return;
        }
        try {
            handler.handle(event);
        } catch (RuntimeException | LinkageError e) {
            // One faulty handler must not take the connection, or anyone else's, down with it.
            log.error("Handler of client event '{}' failed for {}", event.name(), event.socket(), e);
            event.ack().error(AckError.INTERNAL, "the server could not handle '" + event.name() + "'");
        }
    }
}
