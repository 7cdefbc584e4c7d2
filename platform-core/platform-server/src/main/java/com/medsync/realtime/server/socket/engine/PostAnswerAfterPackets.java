package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.messages.XHRPostMessage;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Answers a polling POST only once its packets were taken. netty-socketio writes the POST's {@code ok} first and
 * then reads the packets, on the same event loop, in the same call. A client sends its next POST as soon as it has
 * the answer, often on another connection served by another event loop, which could then read its packets first:
 * a binary event's attachment before the packet announcing it (the connection was closed as a protocol
 * violation), or two events in the wrong order. Written from a task of the loop instead, the answer leaves after
 * the call that reads the packets has returned.
 */
@Sharable
final class PostAnswerAfterPackets extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof XHRPostMessage)) {
            ctx.write(msg, promise);
            return;
        }
        // The flush of writeAndFlush passes now with nothing to send; the answer is flushed with its own.
        ctx.executor().execute(() -> ctx.writeAndFlush(msg, promise));
    }
}
