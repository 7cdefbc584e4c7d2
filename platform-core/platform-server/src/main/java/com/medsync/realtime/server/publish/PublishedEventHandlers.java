package com.medsync.realtime.server.publish;

import com.medsync.realtime.spi.event.PublishedEventHandler;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which started feature owns which canonical event name on the publish API. */
public final class PublishedEventHandlers {

    private final Map<String, PublishedEventHandler> handlers = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when another handler owns the event */
    public void register(PublishedEventHandler handler) {
        PublishedEventHandler previous = handlers.putIfAbsent(handler.eventName(), handler);
        if (previous != null && previous != handler) {
            throw new IllegalStateException("event '" + handler.eventName() + "' is already owned by "
                    + previous.getClass().getName());
        }
    }

    public void unregister(PublishedEventHandler handler) {
        handlers.remove(handler.eventName(), handler);
    }

    Optional<PublishedEventHandler> find(String event) {
        return Optional.ofNullable(handlers.get(event));
    }

    public Set<String> owned() {
        return Set.copyOf(handlers.keySet());
    }
}
