package com.medsync.realtime.server.console;

import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends sockets of this node away on an operator's word, with a Socket.IO DISCONNECT so their clients do not
 * reconnect. It waits (a little) for each socket to be gone, so that the answer counts the sockets really sent
 * away and a listing right after it no longer shows them.
 */
public final class SocketDisconnects {

    private static final Logger log = LoggerFactory.getLogger(SocketDisconnects.class);
    /** A socket's disconnect runs on its connection's queue, after the packets it already has. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final NamespaceRegistry namespaces;
    private final ConnectionQuery connections;
    private final Function<SocketSession, CompletableFuture<Boolean>> sendAway;

    /** @param sendAway disconnects one socket (the session layer's {@code SocketGateway#disconnect}) */
    public SocketDisconnects(NamespaceRegistry namespaces, Function<SocketSession, CompletableFuture<Boolean>> sendAway) {
        this.namespaces = namespaces;
        this.connections = new ConnectionQuery(namespaces);
        this.sendAway = sendAway;
    }

    /** @return whether a socket of that id was open on this node and was sent away */
    public boolean socket(String id) {
        return connections.find(id).map(socket -> count(List.of(sendAway.apply(socket))) == 1).orElse(false);
    }

    /**
     * Every socket of the user on this node, on every namespace. Found by the token's subject over all sockets
     * rather than through the {@code user:<id>} room, which a client may have left: one pass over this node's
     * sockets, fine for an operator's occasional action.
     *
     * @return how many were sent away
     */
    public int user(String userId) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (ServedNamespace namespace : namespaces.all()) {
            for (SocketSession socket : namespace.sockets()) {
                if (userId.equals(socket.principal().userId())) {
                    sent.add(sendAway.apply(socket));
                }
            }
        }
        return count(sent);
    }

    private static int count(List<CompletableFuture<Boolean>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Some sockets were not sent away within {}; counting those that were", WAIT);
        } catch (ExecutionException e) {
            log.error("Sending a socket away failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (int) sent.stream().filter(done -> done.isDone() && !done.isCompletedExceptionally() && done.join())
                .count();
    }
}
