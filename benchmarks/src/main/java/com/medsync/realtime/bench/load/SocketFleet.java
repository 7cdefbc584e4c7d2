package com.medsync.realtime.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many Socket.IO clients in one process on a small Netty event loop group (20,000 fit in a couple of hundred
 * megabytes). Connections are opened with a bounded number of handshakes in flight, as a fleet of apps
 * reconnecting after a deploy would, and closed with SO_LINGER 0 so that tens of thousands of closes leave
 * no TIME_WAIT ports behind for the next scenario.
 */
public final class SocketFleet implements AutoCloseable {

    /** What opening a batch of connections gave. */
    public record Opened(int requested, int connected, int failed, long nanos, String firstFailure) {

        public double perSecond() {
            return connected / (nanos / 1e9);
        }
    }

    public static final String NAMESPACE = "/patient-pharmacy";

    private final EventLoopGroup group;
    private final URI uri;
    private final Tokens tokens;
    private final List<Channel> open = new ArrayList<>();
    private final AtomicInteger unexpectedCloses = new AtomicInteger();
    private final java.util.Set<Channel> closing = ConcurrentHashMap.newKeySet();

    public SocketFleet(int socketPort, Tokens tokens, int threads) {
        this.group = new NioEventLoopGroup(threads);
        this.uri = URI.create("ws://127.0.0.1:" + socketPort + "/socket.io/?EIO=4&transport=websocket");
        this.tokens = tokens;
    }

    /**
     * Opens sockets {@code first .. first+count-1} of the audience, at most {@code window} handshakes at a time,
     * and keeps those that connected.
     */
    public Opened open(Audience audience, int first, int count, int window, DeliverySink sink) {
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Channel> connected = java.util.Collections.synchronizedList(new ArrayList<>());
        // Tokens are signed before the clock starts: the storm measures the server, not our signing.
        List<String> batch = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            batch.add(tokens.pharmacyStaff(Audience.staffSubject(i), Audience.pharmacyId(audience.roomOfSocket(i))));
        }
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            inFlight.acquireUninterruptibly();
            int index = first + n;
            connect(index, batch.get(n), sink).whenComplete((channel, error) -> {
                if (error == null) {
                    ok.incrementAndGet();
                    connected.add(channel);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, String.valueOf(error.getMessage()));
                }
                inFlight.release();
            });
        }
        inFlight.acquireUninterruptibly(window);
        long nanos = System.nanoTime() - start;
        inFlight.release(window);
        synchronized (open) {
            open.addAll(connected);
        }
        return new Opened(count, ok.get(), failed.get(), nanos, firstFailure.get());
    }

    private CompletableFuture<Channel> connect(int index, String token, DeliverySink sink) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .handshakeTimeoutMillis(60_000)
                // Apps and backends send no Origin; a browser-style Origin would meet MedSync's origin policy.
                .generateOriginHeader(false)
                .maxFramePayloadLength(1 << 20)
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config),
                                new EngineIoClientHandler(index, NAMESPACE, token, sink, connected));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(uri.getHost(), uri.getPort());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                connected.completeExceptionally(done.cause());
            }
        });
        Channel channel = connecting.channel();
        channel.closeFuture().addListener(closed -> {
            if (connected.isDone() && !connected.isCompletedExceptionally() && !closing.contains(channel)) {
                unexpectedCloses.incrementAndGet();
            }
            closing.remove(channel);
        });
        // A server that never answers the namespace CONNECT must not stall the batch.
        connected.orTimeout(60, TimeUnit.SECONDS).whenComplete((ignored, error) -> {
            if (error != null) {
                closing.add(channel);
                channel.close();
            }
        });
        return connected.thenApply(ignored -> channel);
    }

    /** @return sockets held now */
    public int size() {
        synchronized (open) {
            return open.size();
        }
    }

    /** @return connected sockets that the server (or the network) closed since the start */
    public int unexpectedCloses() {
        return unexpectedCloses.get();
    }

    /** Closes every socket held (the server sees the TCP connection reset). */
    public void closeAll() {
        List<Channel> all;
        synchronized (open) {
            all = new ArrayList<>(open);
            open.clear();
        }
        closing.addAll(all);
        for (Channel channel : all) {
            channel.close();
        }
        for (Channel channel : all) {
            channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        closeAll();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
