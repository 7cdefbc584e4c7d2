package com.medsync.realtime.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;

/**
 * Builds each accepted connection's pipeline: request decoder, request handling. Responses are written as bytes
 * ({@link ResponseBytes}), so there is no response encoder; the timeouts are {@link ConnectionTimeouts}, checked by
 * the connection's own timer rather than a handler every read and write passes through.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final int maxBodyBytes;
    private final ConnectionTimeouts timeouts;
    private final Dispatcher dispatcher;
    private final ChannelGroup channels;

    HttpChannelInitializer(HttpServerSettings settings, Dispatcher dispatcher, ChannelGroup channels) {
        this.maxBodyBytes = settings.maxBodyBytes();
        this.timeouts = new ConnectionTimeouts(settings.requestTimeout(), settings.idleTimeout());
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
        RequestDecoder decoder = new RequestDecoder(maxBodyBytes, remoteAddress);
        pipeline.addLast("decoder", decoder);
        pipeline.addLast("requests", new ConnectionHandler(dispatcher, remoteAddress, timeouts, decoder));
    }
}
