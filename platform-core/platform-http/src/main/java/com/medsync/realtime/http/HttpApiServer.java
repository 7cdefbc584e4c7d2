package com.medsync.realtime.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running HTTP API server: Netty event loops for the network, a bounded pool of {@code medsync-http-N}
 * threads for {@link HttpHandler}s.
 *
 * <p>Keep-alive HTTP/1.1 with bodies up to {@link HttpServerSettings#maxBodyBytes()}; every error the layer
 * answers by itself has the JSON shape of {@link HttpProblem}. Its threads are not daemons: the server keeps
 * the process alive until {@link #close()}.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    private static final long STOP_WAIT_SECONDS = 5;

    private final String host;
    private final Channel listener;
    private final ChannelGroup connections;
    private final EventLoopGroup loops;
    private final ExecutorService handlers;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpApiServer(String host, Channel listener, ChannelGroup connections, EventLoopGroup loops,
                          ExecutorService handlers) {
        this.host = host;
        this.listener = listener;
        this.connections = connections;
        this.loops = loops;
        this.handlers = handlers;
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Binds and starts serving; returns once the port is listening.
     *
     * @param settings where to listen and how much to accept
     * @param router   the routes; may change while the server runs
     * @return the running server
     * @throws IllegalStateException when the address cannot be bound; the message names host:port
     */
    public static HttpApiServer start(HttpServerSettings settings, Router router) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(router, "router");
        ExecutorService handlers = HandlerExecutor.create(settings.handlerThreads(), HandlerExecutor.QUEUE_CAPACITY);
        boolean epoll = settings.nativeTransport() && Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("medsync-http-io", false);
        EventLoopGroup loops = epoll ? new EpollEventLoopGroup(settings.ioThreads(), threads)
                : new NioEventLoopGroup(settings.ioThreads(), threads);
        ChannelGroup connections = new DefaultChannelGroup("medsync-http", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                // A restart must not wait for the previous run's TIME_WAIT connections to expire.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A client that half-closes after its request (nc -N, some HTTP/1.0 tools) still gets the answer.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new HttpChannelInitializer(settings, new Dispatcher(router, handlers), connections));
        String address = settings.bindHost() + ":" + settings.port();
        ChannelFuture bound = bootstrap.bind(settings.bindHost(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            stopPools(loops, handlers);
            Throwable cause = bound.cause();
            throw new IllegalStateException("cannot bind the HTTP API to " + address + ": " + cause, cause);
        }
        HttpApiServer server = new HttpApiServer(settings.bindHost(), bound.channel(), connections, loops, handlers);
        LOG.debug("HTTP API listening on {}:{}", settings.bindHost(), server.port);
        return server;
    }

    /** @return the bound port; the real one when the settings asked for port 0 */
    public int port() {
        return port;
    }

    /**
     * Stops accepting, lets running handlers finish for a few seconds, closes every connection and stops all
     * threads. Waits a bounded time; calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().awaitUninterruptibly(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        // Handlers first, while the loops still run, so in-flight requests get their responses written.
        handlers.shutdown();
        awaitHandlers(handlers);
        connections.close().awaitUninterruptibly(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, STOP_WAIT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(2 * STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        LOG.debug("HTTP API on {}:{} stopped", host, port);
    }

    private static void stopPools(EventLoopGroup loops, ExecutorService handlers) {
        handlers.shutdownNow();
        loops.shutdownGracefully(0, STOP_WAIT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(2 * STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void awaitHandlers(ExecutorService handlers) {
        try {
            if (!handlers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("HTTP handlers still running after {} s; interrupting them", STOP_WAIT_SECONDS);
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
