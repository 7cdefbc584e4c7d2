package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.handler.ClientHead;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;


/**
 * Sits right after netty-socketio's handshake handler, where a new Engine.IO connection first has its
 * session: it starts the connect timeout and the heartbeat, the only moment a connection that will never speak Socket.IO can
 * be seen.
 */
@Sharable
final class HandshakeWatch extends ChannelInboundHandlerAdapter {

    private final EngineConnections connections;
    private final EngineTimings timings;

    HandshakeWatch(EngineConnections connections, EngineTimings timings) {
        this.connections = connections;
        this.timings = timings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request
                && !new QueryStringDecoder(request.uri()).parameters().containsKey("sid")) {
            ClientHead engine = ctx.channel().attr(ClientHead.CLIENT).get();
            if (engine != null) {
                connections.opened(engine, timings, ctx.channel().eventLoop());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
