package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The open Engine.IO connections and what Engine.IO does with them above netty-socketio: the heartbeat, the
 * connect deadline, the client's close packet, protocol violations, and the transport each session is on (for
 * the request check). Socket.IO packets are handed to the {@link EngineListener}.
 */
final class EngineConnections implements EngineSessions {

    private static final Logger log = LoggerFactory.getLogger(EngineConnections.class);

    /** How long a polling client's last poll has to arrive after its close packet. */
    private static final long CLOSING_POLL_GRACE_MILLIS = 200;

    private final EngineListener listener;
    private final Map<UUID, EngineConnection> open = new ConcurrentHashMap<>();
    private final EngineTraffic traffic = new EngineTraffic();

    EngineConnections(EngineListener listener) {
        this.listener = listener;
    }

    /**
     * An Engine.IO connection was just opened: its heartbeat starts, and at {@code timings.connectTimeout()} the
     * listener decides whether it has done enough to stay.
     */
    void opened(ClientHead engine, EngineTimings timings, EventLoop loop) {
        EngineConnection connection = connectionOf(engine);
        traffic.connectionOpened();
        connection.heartbeat(EngineHeartbeat.start(engine, loop, timings.pingInterval(), timings.pingTimeout(),
                expired -> connectionOf(expired).close("no pong within " + timings.pingTimeout())));
        Duration timeout = timings.connectTimeout();
        loop.schedule(() -> {
            if (engine.isConnected()) {
                listener.onConnectDeadline(connection, timeout);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onPacket(ClientHead engine, String text) {
        listener.onPacket(connectionOf(engine), text);
    }

    void onAttachment(ClientHead engine, byte[] attachment) {
        listener.onAttachment(connectionOf(engine), attachment);
    }

    /** The client's upgrade packet was handled: the connection is on its WebSocket now. */
    void onUpgraded(ClientHead engine) {
        listener.onUpgraded(connectionOf(engine));
    }

    EngineTraffic traffic() {
        return traffic;
    }

    /** @return the open Engine.IO connections */
    int openCount() {
        return open.size();
    }

    /** @return the open connections still on long-polling (upgrading ones included, as the reference counts them) */
    int pollingCount() {
        int polling = 0;
        for (EngineConnection connection : open.values()) {
            if (connection.engine().getCurrentTransport() == Transport.POLLING) {
                polling++;
            }
        }
        return polling;
    }

    /** The client answered a ping. */
    void onPong(ClientHead engine) {
        EngineConnection connection = open.get(engine.getSessionId());
        if (connection != null && connection.heartbeat() != null) {
            connection.heartbeat().pong();
        }
    }

    /**
     * The client closed its Engine.IO connection with a close packet: a poll it has waiting is answered with
     * a noop, as the reference server does, and the connection ends. When no poll is waiting, the one the
     * client sent with its close packet may still be on its way: the noop waits for it a moment, and the
     * session is closed to every other request meanwhile.
     */
    void onClientClose(ClientHead engine, EventLoop loop) {
        log.debug("Client closed connection {}", engine.getSessionId());
        if (engine.getCurrentTransport() == Transport.POLLING
                && engine.send(new Packet(PacketType.NOOP, EngineIOVersion.V4), Transport.POLLING) == null) {
            EngineConnection connection = open.get(engine.getSessionId());
            if (connection != null) {
                connection.closingAfterLastPoll();
                loop.schedule(engine::onChannelDisconnect, CLOSING_POLL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
        }
        engine.onChannelDisconnect();
    }

    /** The transport saw something that is not Engine.IO: the connection is closed. */
    void onProtocolViolation(ClientHead engine, String reason) {
        connectionOf(engine).close(reason);
    }

    /**
     * The connection is gone: its heartbeat stops and the listener is told, even when the connection was not
     * registered (it closed while its first packet was being taken), so nothing is left behind above.
     */
    void closed(UUID engineSessionId) {
        EngineConnection connection = open.remove(engineSessionId);
        if (connection != null) {
            traffic.connectionClosed();
        }
        if (connection != null && connection.heartbeat() != null) {
            connection.heartbeat().stop();
        }
        listener.onClosed(engineSessionId);
    }

    /**
     * Closes every open connection with an Engine.IO close packet, so that clients reconnect (elsewhere), each
     * polling client after it took what was queued for it; waits until they are all closed, at most
     * {@code maxWait} (and a moment for the last polls).
     */
    void closeAll(String reason, Duration maxWait) {
        open.values().forEach(connection -> connection.closeAfterQueuedPackets(reason, maxWait));
        long deadline = System.nanoTime() + maxWait.toNanos() + TimeUnit.MILLISECONDS.toNanos(2 * CLOSING_POLL_GRACE_MILLIS);
        while (!open.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void pollArrived(UUID engineSessionId, Channel channel) {
        ifOpen(engineSessionId, connection -> connection.pollArrived(channel));
    }

    @Override
    public void pollClosed(UUID engineSessionId, Channel channel) {
        ifOpen(engineSessionId, connection -> connection.pollClosed(channel));
    }

    @Override
    public Optional<EngineTransport> transportOf(UUID engineSessionId) {
        EngineConnection connection = open.get(engineSessionId);
        if (connection == null || !connection.isConnected()) {
            return Optional.empty();
        }
        ClientHead engine = connection.engine();
        if (connection.closing()) {
            // Only the poll that picks up the closing noop may still come in.
            return engine.getPacketsQueue(Transport.POLLING).isEmpty() ? Optional.empty()
                    : Optional.of(EngineTransport.POLLING);
        }
        if (engine.getCurrentTransport() == Transport.WEBSOCKET) {
            return Optional.of(EngineTransport.WEBSOCKET);
        }
        return Optional.of(connection.upgrading() ? EngineTransport.UPGRADING : EngineTransport.POLLING);
    }

    @Override
    public void upgradeStarted(UUID engineSessionId) {
        ifOpen(engineSessionId, EngineConnection::upgradeStarted);
    }

    /** Tells the session's connection, if it is still open; a session already gone has nothing to learn. */
    private void ifOpen(UUID engineSessionId, Consumer<EngineConnection> tell) {
        EngineConnection connection = open.get(engineSessionId);
        if (connection != null) {
            tell.accept(connection);
        }
    }

    /**
     * The connection of a netty-socketio client: registered while it is connected; one that is already gone gets
     * an unregistered connection, so that late packets of a closed client cannot leave an entry behind.
     */
    private EngineConnection connectionOf(ClientHead engine) {
        EngineConnection known = open.get(engine.getSessionId());
        if (known != null) {
            return known;
        }
        if (!engine.isConnected()) {
            return new EngineConnection(engine, traffic);
        }
        EngineConnection connection = open.computeIfAbsent(engine.getSessionId(), id -> new EngineConnection(engine, traffic));
        if (!engine.isConnected()) {
            // Closed meanwhile, maybe after its close was handled: do not keep it.
            open.remove(engine.getSessionId(), connection);
        }
        return connection;
    }
}
