package com.medsync.realtime.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline: idle timeout, request decoder, request handling. Responses are
 * written as bytes ({@link ResponseBytes}), so there is no response encoder.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Keep-alive connections nobody uses are closed so they do not pile up. */
    private static final int IDLE_SECONDS = 60;

    private final int maxBodyBytes;
    private final Duration requestTimeout;
    private final Dispatcher dispatcher;
    private final ChannelGroup channels;

    HttpChannelInitializer(int maxBodyBytes, Duration requestTimeout, Dispatcher dispatcher, ChannelGroup channels) {
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeout = requestTimeout;
        this.dispatcher = dispatcher;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        // Tracked so close() can end keep-alive connections, which would otherwise outlive the listener.
        channels.add(channel);
        InetSocketAddress peer = channel.remoteAddress();
        String remoteAddress = peer != null && peer.getAddress() != null ? peer.getAddress().getHostAddress()
                : "unknown";
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        RequestDecoder decoder = new RequestDecoder(maxBodyBytes, remoteAddress);
        pipeline.addLast("decoder", decoder);
        pipeline.addLast("requests", new ConnectionHandler(dispatcher, remoteAddress,
                new RequestDeadline(decoder, requestTimeout)));
    }
}
