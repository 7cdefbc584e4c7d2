package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;

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
 *
 * <p>Operator namespaces ({@link OperatorNamespace}) are kept apart: a CONNECT finds them, but {@link #find} and
 * {@link #all()}, which the apps' delivery, statistics and plugins use, never return them. A name is served once,
 * either way.
 */
public final class NamespaceRegistry {

    private final Map<String, ServedNamespace> namespaces = new ConcurrentHashMap<>();
    private final Map<String, ServedNamespace> operatorNamespaces = new ConcurrentHashMap<>();
    private final List<Consumer<ServedNamespace>> removalListeners = new CopyOnWriteArrayList<>();
    private final List<RoomChangeListener> roomListeners = new CopyOnWriteArrayList<>();
    /** Told of every room change in every app namespace, served now or later. */
    private final RoomChangeListener roomChanges = new RoomChangeListener() {
        @Override
        public void joined(SocketSession socket, Room room) {
            roomListeners.forEach(listener -> listener.joined(socket, room));
        }

        @Override
        public void left(SocketSession socket, Room room) {
            roomListeners.forEach(listener -> listener.left(socket, room));
        }
    };

    /** @throws IllegalStateException when the namespace is already served */
    public ServedNamespace serve(String name, EventTranslator translator) {
        ServedNamespace namespace = new ServedNamespace(name, translator, roomChanges, null);
        if (operatorNamespaces.containsKey(name) || namespaces.putIfAbsent(name, namespace) != null) {
            throw new IllegalStateException("namespace " + name + " is already served");
        }
        return namespace;
    }

    /**
     * Serves a namespace for operators, apart from the apps' (see {@link OperatorNamespace}).
     *
     * @throws IllegalStateException when the namespace is already served
     */
    public ServedNamespace serveForOperators(OperatorNamespace operator) {
        String name = operator.name();
        ServedNamespace namespace = new ServedNamespace(name, EventTranslator.CANONICAL, ServedNamespace.NO_ONE,
                operator);
        if (namespaces.containsKey(name) || operatorNamespaces.putIfAbsent(name, namespace) != null) {
            throw new IllegalStateException("namespace " + name + " is already served");
        }
        return namespace;
    }

    /** Stops serving a namespace and disconnects its sockets. */
    public void remove(String name) {
        ServedNamespace removed = namespaces.remove(name);
        if (removed == null) {
            removed = operatorNamespaces.remove(name);
        }
        if (removed != null) {
            ServedNamespace gone = removed;
            removalListeners.forEach(listener -> listener.accept(gone));
        }
    }

    /** @return the app namespace of that name (never an operator namespace) */
    public Optional<ServedNamespace> find(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    /** @return the app namespaces (never the operator ones) */
    public Collection<ServedNamespace> all() {
        return List.copyOf(namespaces.values());
    }

    /** Has {@code listener} told of every room change in the app namespaces, from now on. */
    public void onRoomChange(RoomChangeListener listener) {
        roomListeners.add(listener);
    }

    Optional<ServedNamespace> findForOperators(String name) {
        return Optional.ofNullable(operatorNamespaces.get(name));
    }

    void onRemoval(Consumer<ServedNamespace> listener) {
        removalListeners.add(listener);
    }
}
