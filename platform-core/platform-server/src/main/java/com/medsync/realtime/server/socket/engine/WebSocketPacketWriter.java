package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.protocol.PacketEncoder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.PromiseCombiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Writes a WebSocket client's queued packets in place of netty-socketio's encoder, which encodes each packet
 * into a fresh buffer and flushes it (one system call) before the next, and writes Engine.IO 3's type byte
 * before attachments.
 *
 * <ul>
 *   <li>A {@link PreEncodedPacket} is written as its bytes, encoded once for all of a broadcast's recipients.
 *       Without per-message compression, those bytes are the whole WebSocket frame and go straight to the
 *       frame encoder's place in the pipeline: no frame object, header buffer, promise or copy per socket. The
 *       last frame of a drain goes further, straight to the socket when it can ({@link DirectFrameWrites}).</li>
 *   <li>Every packet queued for the client goes out in order, then one flush: a client that is sent many
 *       events while its event loop is busy gets them in one write.</li>
 *   <li>Attachments are binary frames holding their bytes alone (Engine.IO 4).</li>
 *   <li>A packet that cannot be encoded closes the connection (its client reconnects), where netty-socketio
 *       would leave it and every later packet unsent on a connection that looks alive.</li>
 * </ul>
 *
 * <p>netty-socketio queues packets per client and asks for them with an {@link OutPacketMessage}; this handler
 * sits between the pipeline's tail and netty-socketio's encoder, takes the WebSocket ones and leaves polling
 * to the encoder. Frames longer than the largest frame we accept are fragmented as netty-socketio does.
 */
@Sharable
final class WebSocketPacketWriter extends ChannelOutboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketPacketWriter.class);
    private static final int FRAGMENT_BYTES = 8192;
    /** How long the packets that follow a CONNECT answer wait: one frame per read for the simplest clients. */
    private static final long AFTER_CONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final PacketEncoder encoder;
    private final int maxFramePayload;
    private final boolean framesAsBytes;

    /**
     * @param compressed whether WebSocket connections may negotiate per-message compression; its encoder
     *                   must then see every frame, so frames are not written as prepared bytes
     */
    WebSocketPacketWriter(PacketEncoder encoder, int maxFramePayload, boolean compressed) {
        this.encoder = encoder;
        this.maxFramePayload = maxFramePayload;
        this.framesAsBytes = !compressed;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        WebSocketOutput output;
        if (msg instanceof OutPacketMessage out && out.getTransport() == Transport.WEBSOCKET
                && (output = WebSocketOutput.of(ctx.channel(), null)) != null) {
            writeQueued(output, out.getClientHead().getPacketsQueue(Transport.WEBSOCKET), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * Writes out a client's queued packets from its channel's event loop, as the {@link OutPacketMessage} that
     * netty-socketio would send down the pipeline would: without building that message (which reads the
     * handshake's headers) or passing the handlers between the pipeline's tail and this one.
     *
     * @param output the client's WebSocket output ({@link WebSocketOutput#of})
     */
    void drain(WebSocketOutput output, Queue<Packet> queue) {
        writeQueued(output, queue, output.writer().voidPromise());
    }

    /**
     * Writes one prepared frame from its channel's event loop, as a drain of a queue holding only it would: straight
     * to the socket when it can, else through the pipeline and flushed.
     *
     * @return false, writing nothing, when the packet needs what only a drain does (encoding, fragments, the wait
     *     after a CONNECT answer)
     */
    boolean writeAlone(WebSocketOutput output, Packet packet) {
        if (output.frames() == null || !(packet instanceof PreEncodedPacket encoded)
                || encoded.payloadLength() > maxFramePayload || output.afterConnectHoldNanos() > 0) {
            return false;
        }
        if (writePrepared(output, encoded, true)) {
            output.writer().flush();
        }
        return true;
    }

    /** Whether prepared frames are written as they are (else each is given to the frame encoder as a frame). */
    boolean framesAsBytes() {
        return framesAsBytes;
    }

    private void writeQueued(WebSocketOutput output, Queue<Packet> queue, ChannelPromise promise) {
        ChannelHandlerContext ctx = output.writer();
        long holding = output.afterConnectHoldNanos();
        if (holding > 0 && !queue.isEmpty() && !endsConnection(queue)) {
            ctx.executor().schedule(() -> writeQueued(output, queue, promise), holding, TimeUnit.NANOSECONDS);
            return;
        }
        // Only a write with a promise to complete combines its frames' futures: a drain (nearly every write) has
        // none, and a combiner per drain was 8% of the server's allocations with 100 recipients per event.
        PromiseCombiner written = promise.isVoid() ? null : new PromiseCombiner(ctx.executor());
        ChannelPromise writtenHere = promise;
        // Writing at the frame encoder's context hands bytes to the handlers nearer the socket, in order with
        // the frames the encoder writes for the other packets.
        ChannelHandlerContext frames = output.frames();
        boolean toFlush = false;
        try {
            for (Packet packet = queue.poll(); packet != null; packet = queue.poll()) {
                if (frames != null && packet instanceof PreEncodedPacket encoded
                        && encoded.payloadLength() <= maxFramePayload) {
                    toFlush |= writePrepared(output, encoded, queue.isEmpty());
                } else if (!write(ctx, packet, written)) {
                    ctx.close();
                    break;
                } else {
                    toFlush = true;
                }
                if (packet.getSubType() == PacketType.CONNECT) {
                    // The answer to a CONNECT goes out alone, and what follows it (what the server sends on
                    // connect) a moment later, as the reference server waits for each write to complete before
                    // the next: a client that takes several frames of one read in one go and listens for the
                    // next frame only after handling the first (the official protocol suite's does) would miss
                    // the second.
                    output.holdAfterConnect(AFTER_CONNECT_NANOS);
                    if (!queue.isEmpty() && !endsConnection(queue)) {
                        ctx.executor().schedule(() -> writeQueued(output, queue, promise), AFTER_CONNECT_NANOS,
                                TimeUnit.NANOSECONDS);
                        writtenHere = ctx.newPromise();
                        break;
                    }
                }
            }
        } finally {
            if (written != null) {
                written.finish(writtenHere);
            }
            if (toFlush) {
                ctx.flush();
            }
        }
    }

    /**
     * Writes a prepared frame. The last one a drain writes goes straight to the socket when it can: one system
     * call. Several go through the pipeline, whose flush writes them in one.
     *
     * @return whether the pipeline holds bytes of it to flush
     */
    private static boolean writePrepared(WebSocketOutput output, PreEncodedPacket encoded, boolean last) {
        int written = last ? output.writeDirect(encoded.frameAddress(), encoded.frameLength())
                : DirectFrameWrites.NOT_HERE;
        if (written == encoded.frameLength()) {
            return false;
        }
        // What a full socket buffer left over waits in the channel, as any frame would.
        ByteBuf rest = encoded.frame();
        if (written > 0) {
            rest.skipBytes(written);
        }
        ChannelHandlerContext frames = output.frames();
        frames.write(rest, frames.voidPromise());
        return true;
    }

    /**
     * Whether a close is queued: then nothing waits. The connection is forgotten right after its close packet is
     * handed to this writer (EngineConnection#close), and a frame from the client after that closes the WebSocket
     * at once: a close packet still waiting here would never be written, and the client would see a bare TCP
     * close (the fuzz's "open but deaf" connection).
     */
    private static boolean endsConnection(Queue<Packet> queue) {
        for (Packet packet : queue) {
            if (packet.getType() == PacketType.CLOSE || packet.getSubType() == PacketType.DISCONNECT) {
                return true;
            }
        }
        return false;
    }

    /** @return false when the packet could not be encoded */
    private boolean write(ChannelHandlerContext ctx, Packet packet, PromiseCombiner written) {
        if (packet instanceof PreEncodedPacket encoded) {
            writeText(ctx, encoded.payload(), written);
            return true;
        }
        ByteBuf text = encoder.allocateBuffer(ctx.alloc());
        try {
            encoder.encodePacket(packet, text, ctx.alloc(), true);
        } catch (Exception e) {
            text.release();
            log.error("cannot encode a {} packet for {}; closing the connection", packet.getSubType(),
                    ctx.channel().remoteAddress(), e);
            return false;
        }
        writeText(ctx, text, written);
        for (ByteBuf attachment : packet.getAttachments()) {
            writeFrame(ctx, new BinaryWebSocketFrame(attachment.retainedDuplicate()), written);
        }
        return true;
    }

    private void writeText(ChannelHandlerContext ctx, ByteBuf text, PromiseCombiner written) {
        if (!text.isReadable()) {
            text.release();
            return;
        }
        if (text.readableBytes() <= maxFramePayload) {
            writeFrame(ctx, new TextWebSocketFrame(text), written);
            return;
        }
        writeFrame(ctx, new TextWebSocketFrame(false, 0, text.readRetainedSlice(FRAGMENT_BYTES)), written);
        while (text.isReadable()) {
            ByteBuf fragment = text.readRetainedSlice(Math.min(text.readableBytes(), FRAGMENT_BYTES));
            writeFrame(ctx, new ContinuationWebSocketFrame(!text.isReadable(), 0, fragment), written);
        }
        text.release();
    }

    /** Writes a frame; its future joins {@code written}, or, when nothing waits for the writes (null), it has none. */
    private static void writeFrame(ChannelHandlerContext ctx, WebSocketFrame frame, PromiseCombiner written) {
        if (written == null) {
            ctx.write(frame, ctx.voidPromise());
        } else {
            written.add(ctx.write(frame));
        }
    }
}
