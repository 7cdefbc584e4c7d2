package com.medsync.realtime.server.socket.engine;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses HTTP requests (polling and the WebSocket upgrade alike) from browser origins that are not
 * allowed, before netty-socketio sees them. netty-socketio would answer any origin with a matching CORS
 * header.
 */
@Sharable
final class OriginGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OriginGuard.class);
    private static final byte[] REFUSAL = "{\"code\":4,\"message\":\"Origin not allowed\"}".getBytes(CharsetUtil.UTF_8);

    private final OriginPolicy policy;

    OriginGuard(OriginPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!policy.allows(origin)) {
                ReferenceCountUtil.release(msg);
                log.debug("Refused origin {} from {}", origin, ctx.channel().remoteAddress());
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.FORBIDDEN, Unpooled.wrappedBuffer(REFUSAL));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        // The connection is closed after this answer; saying so keeps keep-alive clients from reusing it.
        response.headers().set(HttpHeaderNames.CONNECTION, io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, REFUSAL.length);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
