package com.medsync.realtime.server.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.AttributeKey;

/**
 * Binary WebSocket frames, which Engine.IO 4 uses for Socket.IO attachments, both ways.
 *
 * <p>Inbound, netty-socketio hands text and binary frames on alike; this marks the channel while a binary
 * frame passes, so {@link PacketGuard} (reached in the same call) treats its bytes as an attachment rather
 * than as a text packet.
 *
 * <p>Outbound, netty-socketio writes Engine.IO 3's message type byte {@code 4} before each attachment;
 * protocol 4 sends the bytes alone, so that byte is dropped.
 */
@Sharable
final class BinaryFrames extends ChannelDuplexHandler {

    static final AttributeKey<Boolean> READING_BINARY = AttributeKey.valueOf("medsyncReadingBinaryFrame");

    private static final byte ENGINE_IO_3_MESSAGE = 4;

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

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            ByteBuf content = frame.content();
            if (content.isReadable() && content.getByte(content.readerIndex()) == ENGINE_IO_3_MESSAGE) {
                BinaryWebSocketFrame attachment = new BinaryWebSocketFrame(frame.isFinalFragment(), frame.rsv(),
                        content.retainedSlice(content.readerIndex() + 1, content.readableBytes() - 1));
                frame.release();
                ctx.write(attachment, promise);
                return;
            }
        }
        ctx.write(msg, promise);
    }
}
