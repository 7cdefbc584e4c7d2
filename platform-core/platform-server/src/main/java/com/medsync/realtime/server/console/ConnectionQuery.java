package com.medsync.realtime.server.console;

import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages of this node's sockets in socket id order, filtered where they live. The candidates are every socket of
 * the namespaces asked for, or, filtering by user or room, only the members of that room (the room index the
 * delivery path uses): {@code O(candidates x log limit)} per page, with at most one page held (see
 * {@link PageSelection}). Sockets come and go while a client pages; a socket id cursor keeps the order stable all
 * the same, and a socket that connected meanwhile shows up where its id sorts.
 */
public final class ConnectionQuery {

    private static final Comparator<SocketSession> BY_ID = Comparator.comparing(SocketSession::id);

    private final NamespaceRegistry namespaces;
    private final Function<SocketSession, String> transportOf;

    public ConnectionQuery(NamespaceRegistry namespaces) {
        this(namespaces, SocketSession::transport);
    }

    /** @param transportOf how a socket's transport is told (tests' sockets have no connection) */
    ConnectionQuery(NamespaceRegistry namespaces, Function<SocketSession, String> transportOf) {
        this.namespaces = namespaces;
        this.transportOf = transportOf;
    }

    /**
     * @param after the id of the last socket of the previous page; empty for the first page
     * @param limit the most sockets the page holds
     */
    public Page<SocketSession> page(ConnectionFilter filter, Optional<String> after, int limit) {
        PageSelection<SocketSession> page = new PageSelection<>(BY_ID, limit);
        for (ServedNamespace namespace : namespaces.all()) {
            if (!filter.matchesNamespace(namespace.name())) {
                continue;
            }
            Collection<SocketSession> candidates = filter.indexRoom().map(namespace::members)
                    .orElseGet(namespace::sockets);
            for (SocketSession socket : candidates) {
                if ((after.isEmpty() || socket.id().compareTo(after.get()) > 0) && filter.matches(socket, transportOf)) {
                    page.offer(socket);
                }
            }
        }
        return page.page(SocketSession::id);
    }

    /** @return the socket open on this node under {@code id}, on whichever namespace */
    public Optional<SocketSession> find(String id) {
        for (ServedNamespace namespace : namespaces.all()) {
            Optional<SocketSession> socket = namespace.socket(id);
            if (socket.isPresent()) {
                return socket;
            }
        }
        return Optional.empty();
    }
}
