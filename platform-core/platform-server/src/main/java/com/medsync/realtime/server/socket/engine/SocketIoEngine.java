package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.listener.ExceptionListenerAdapter;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.SocketIOClient;
import com.medsync.realtime.server.config.ServerSettings.SocketSettings;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.Epoll;
import io.netty.util.internal.PlatformDependent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * The Socket.IO port: netty-socketio for Engine.IO (transports, upgrade, heartbeats), with the
 * {@link EngineListener} behind our packet guard for everything above it.
 */
public final class SocketIoEngine implements AutoCloseable {

    /** How long a shutdown waits for polling clients to take the packets queued for them before their close. */
    private static final Duration POLLING_DRAIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SocketIoEngine.class);

    /** A day: netty-socketio's pings and ping timeout never fire while a connection lives. */
    private static final int NETTY_HEARTBEAT_OFF_MILLIS = 24 * 60 * 60 * 1000;
    /** What the event loops get to finish their queued writes (the close packets) once the port is stopped. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final SocketIOServer server;
    private final EngineConnections connections;
    private final String host;
    private final int port;

    public SocketIoEngine(SocketSettings settings, String bindHost, EngineListener listener, OriginPolicy origins) {
        this.host = bindHost;
        this.port = settings.port();
        this.connections = new EngineConnections(listener);
        Configuration configuration = new Configuration();
        configuration.setHostname(bindHost);
        configuration.setPort(settings.port());
        configuration.setContext(settings.path());
        configuration.setTransports(Transport.WEBSOCKET, Transport.POLLING);
        // The heartbeat is ours (EngineHeartbeat); netty-socketio's is pushed out of the way, and the open
        // packet announces the configured timings (HandshakeSerializer).
        configuration.setPingInterval(NETTY_HEARTBEAT_OFF_MILLIS);
        configuration.setPingTimeout(NETTY_HEARTBEAT_OFF_MILLIS);
        configuration.setUpgradeTimeout((int) settings.upgradeTimeout().toMillis());
        configuration.setFirstDataTimeout((int) settings.firstDataTimeout().toMillis());
        configuration.setMaxFramePayloadLength(settings.maxPayloadBytes());
        configuration.setMaxHttpContentLength(settings.maxPayloadBytes());
        configuration.setWebsocketCompression(settings.perMessageDeflate());
        // Session ids are random, never taken from a client's cookie or header.
        configuration.setRandomSession(true);
        configuration.setAllowCustomRequests(false);
        configuration.setAckMode(AckMode.MANUAL);
        configuration.setUseLinuxNativeEpoll(settings.nativeTransport() && Epoll.isAvailable());
        configuration.setBossThreads(1);
        configuration.setWorkerThreads(settings.ioThreads());
        // A restarted node binds at once, even while connections of the previous one linger in TIME_WAIT.
        configuration.getSocketConfig().setReuseAddress(true);
        configuration.setExceptionListener(new LoggingExceptionListener());
        configuration.setJsonSupport(new PreEncodedJsonSupport(
                new JacksonJsonSupport(HandshakeSerializer.module(settings))));

        this.server = new SocketIOServer(configuration);
        ReplacedInitializer.release(server);
        server.setPipelineFactory(new GuardedChannelInitializer(connections, settings, origins));
        // netty-socketio attaches every connection to its main namespace; leaving it is how we learn that
        // the connection is gone. No connect listener: that one would fire for clients that never asked for "/".
        server.addDisconnectListener(client -> connections.closed(client.getSessionId()));
    }

    /** Binds the port; fails with the address when it cannot. */
    public void start() {
        logTransport();
        try {
            server.startAsync().syncUninterruptibly();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen for Socket.IO on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        log.info("Socket.IO listening on {}:{}", host, port);
        if (!PlatformDependent.hasUnsafe()) {
            log.warn("Netty runs without sun.misc.Unsafe ({}): every write is copied to direct memory first. On the "
                    + "module path, add the module jdk.unsupported (bin/medsync-realtime does)",
                    String.valueOf(PlatformDependent.getUnsafeUnavailabilityCause()));
        }
    }

    private void logTransport() {
        if (server.getConfiguration().isUseLinuxNativeEpoll()) {
            log.info("Socket.IO connections on Linux's epoll transport");
        } else if (Epoll.isAvailable()) {
            log.info("Socket.IO connections on Java NIO (medsync.socket.native-transport is off)");
        } else {
            log.info("Socket.IO connections on Java NIO (epoll transport unavailable: {})",
                    String.valueOf(Epoll.unavailabilityCause()));
        }
    }

    /** @return whether the port accepts connections right now */
    public boolean isListening() {
        String probeHost = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(probeHost, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** What went through the port so far (connections, packets, bytes). */
    public EngineTraffic traffic() {
        return connections.traffic();
    }

    /** @return the Engine.IO connections open now */
    public int connectionCount() {
        return connections.openCount();
    }

    /** @return the open connections on long-polling now */
    public int pollingConnectionCount() {
        return connections.pollingCount();
    }

    /**
     * Closes every client's transport (so clients reconnect elsewhere), letting polling clients take what was
     * queued for them first, then the port.
     */
    public void closeGracefully() {
        connections.closeAll("server shutting down", POLLING_DRAIN_TIMEOUT);
        close();
    }

    @Override
    public void close() {
        EventLoopStop.stop(server, STOP_TIMEOUT);
    }

    /** Keeps client-caused exceptions in the log at the right level, without stack traces for noise. */
    private static final class LoggingExceptionListener extends ExceptionListenerAdapter {

        @Override
        public void onAuthException(Throwable e, SocketIOClient client) {
            // Authentication runs above the engine (EngineListener), never in netty-socketio's auth listeners.
            log.warn("Unexpected netty-socketio auth exception for {}", client.getSessionId(), e);
        }

        @Override
        public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            if (e instanceof IOException) {
                log.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), e.getMessage());
            } else {
                log.warn("Connection {} failed", ctx.channel().remoteAddress(), e);
            }
            ctx.close();
            return true;
        }
    }
}
