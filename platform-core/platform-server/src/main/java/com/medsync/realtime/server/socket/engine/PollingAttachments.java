package com.medsync.realtime.server.socket.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Rewrites binary attachments in polling answers to Engine.IO 4's form. netty-socketio writes each
 * attachment of a polling payload in Engine.IO 3's binary framing ({@code 0x01}, the length as digit bytes,
 * {@code 0xff}, the type byte {@code 4}, the bytes), which protocol 4 clients cannot read; protocol 4 sends it
 * as its own packet of the payload, {@code b} and the bytes in base64, after a record separator.
 *
 * <p>netty-socketio writes a polling answer as a response head, one content with the whole payload, and an
 * empty last content; the head is held until the content is known, since its length changes. One instance per
 * channel.
 */
final class PollingAttachments extends ChannelOutboundHandlerAdapter {

    private static final byte RECORD_SEPARATOR = 0x1e;
    private static final byte V3_BINARY_START = 0x01;
    private static final byte V3_LENGTH_END = (byte) 0xff;

    private HttpResponse heldHead;
    private ChannelPromise heldPromise;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse head && !(msg instanceof HttpContent) && HttpUtil.isContentLengthSet(head)) {
            releaseHeld(ctx);
            heldHead = head;
            heldPromise = promise;
            return;
        }
        if (heldHead != null && msg instanceof HttpContent content && !(msg instanceof LastHttpContent)) {
            HttpContent rewritten = hasV3Attachments(content.content()) ? rewrite(content) : content;
            heldHead.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, rewritten.content().readableBytes());
            releaseHeld(ctx);
            ctx.write(rewritten, promise);
            return;
        }
        releaseHeld(ctx);
        ctx.write(msg, promise);
    }

    private void releaseHeld(ChannelHandlerContext ctx) {
        if (heldHead != null) {
            HttpResponse head = heldHead;
            heldHead = null;
            ctx.write(head, heldPromise);
            heldPromise = null;
        }
    }

    /** Text packets never hold a raw 0x01 (JSON escapes control characters), so one marks an attachment. */
    private static boolean hasV3Attachments(ByteBuf payload) {
        return payload.indexOf(payload.readerIndex(), payload.writerIndex(), V3_BINARY_START) >= 0;
    }

    private static HttpContent rewrite(HttpContent content) {
        ByteBuf in = content.content();
        ByteBuf out = in.alloc().buffer(in.readableBytes() * 2);
        try {
            while (in.isReadable()) {
                byte next = in.readByte();
                if (next != V3_BINARY_START) {
                    out.writeByte(next);
                    continue;
                }
                int length = 0;
                byte digit;
                while ((digit = in.readByte()) != V3_LENGTH_END) {
                    length = length * 10 + digit;
                }
                in.skipBytes(1); // Engine.IO 3's message type, counted in the length
                byte[] attachment = ByteBufUtil.getBytes(in, in.readerIndex(), length - 1);
                in.skipBytes(length - 1);
                out.writeByte(RECORD_SEPARATOR);
                out.writeByte('b');
                out.writeCharSequence(Base64.getEncoder().encodeToString(attachment), StandardCharsets.US_ASCII);
            }
            return new DefaultHttpContent(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            content.release();
        }
    }
}
