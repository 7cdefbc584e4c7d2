package com.medsync.realtime.server.socket.engine;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * netty-socketio answers every polling request with {@code Connection: keep-alive} and then closes the
 * connection. A keep-alive client (Node's fetch, browsers) sends its next poll on that connection and sees it
 * hang up. Every HTTP answer of the Socket.IO port ends its connection, so it says so; the WebSocket
 * handshake's 101 is left alone.
 */
@Sharable
final class ClosingResponses extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response
                && response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(msg, promise);
    }
}
