package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.event.EventTranslator;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The namespaces served right now. A namespace that is not here does not exist for clients: a CONNECT to
 * it gets the standard "Invalid namespace" error. Removing a namespace disconnects its sockets and leaves
 * every other namespace untouched.
 */
public final class NamespaceRegistry {

    private final Map<String, ServedNamespace> namespaces = new ConcurrentHashMap<>();
    private final List<Consumer<ServedNamespace>> removalListeners = new CopyOnWriteArrayList<>();

    /** @throws IllegalStateException when the namespace is already served */
    public ServedNamespace serve(String name, EventTranslator translator) {
        ServedNamespace namespace = new ServedNamespace(name, translator);
        if (namespaces.putIfAbsent(name, namespace) != null) {
            throw new IllegalStateException("namespace " + name + " is already served");
        }
        return namespace;
    }

    /** Stops serving a namespace and disconnects its sockets. */
    public void remove(String name) {
        ServedNamespace removed = namespaces.remove(name);
        if (removed != null) {
            removalListeners.forEach(listener -> listener.accept(removed));
        }
    }

    public Optional<ServedNamespace> find(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public Collection<ServedNamespace> all() {
        return List.copyOf(namespaces.values());
    }

    void onRemoval(Consumer<ServedNamespace> listener) {
        removalListeners.add(listener);
    }
}
