package com.medsync.realtime.server.socket.engine;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.AttributeKey;

/**
 * Inbound binary WebSocket frames, which Engine.IO 4 uses for Socket.IO attachments: netty-socketio hands
 * text and binary frames on alike; this marks the channel while a binary frame passes, so {@link PacketGuard}
 * (reached in the same call) treats its bytes as an attachment rather than as a text packet. (Outbound
 * attachments are written by {@link WebSocketPacketWriter}.)
 */
@Sharable
final class BinaryFrames extends ChannelInboundHandlerAdapter {

    static final AttributeKey<Boolean> READING_BINARY = AttributeKey.valueOf("medsyncReadingBinaryFrame");

    static boolean isReadingBinary(ChannelHandlerContext ctx) {
        return Boolean.TRUE.equals(ctx.channel().attr(READING_BINARY).get());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof BinaryWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.channel().attr(READING_BINARY).set(Boolean.TRUE);
        try {
            ctx.fireChannelRead(msg);
        } finally {
            ctx.channel().attr(READING_BINARY).set(null);
        }
    }
}
