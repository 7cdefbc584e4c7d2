package com.medsync.realtime.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline: request decoder, response encoder, body limit, request handling.
 *
 * <p>The response encoder carries only what the body limit answers itself ({@code 100 Continue}, and a
 * {@code 413} at {@code Expect: 100-continue}); {@link ConnectionHandler} writes every other response as bytes
 * ({@link ResponseBytes}) past it. Hence a decoder and an encoder of their own rather than Netty's
 * {@code HttpServerCodec}, whose encoder expects to see the response to every request it decoded.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;
    /** Keep-alive connections nobody uses are closed so they do not pile up. */
    private static final int IDLE_SECONDS = 60;

    /** The response encoder's name: {@link ConnectionHandler} writes its responses from there on. */
    static final String ENCODER = "encoder";

    private final int maxBodyBytes;
    private final Dispatcher dispatcher;
    private final ChannelGroup channels;

    HttpChannelInitializer(int maxBodyBytes, Dispatcher dispatcher, ChannelGroup channels) {
        this.maxBodyBytes = maxBodyBytes;
        this.dispatcher = dispatcher;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        // Tracked so close() can end keep-alive connections, which would otherwise outlive the listener.
        channels.add(channel);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxChunkSize(MAX_CHUNK_BYTES);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        pipeline.addLast("decoder", new HttpRequestDecoder(decoder));
        pipeline.addLast(ENCODER, new HttpResponseEncoder());
        pipeline.addLast("body-limit", new BodyLimitAggregator(maxBodyBytes));
        pipeline.addLast("requests", new ConnectionHandler(dispatcher));
    }
}
