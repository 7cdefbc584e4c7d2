package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.protocol.Packet;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

import java.util.Queue;

/**
 * One WebSocket's way out, looked up once per channel rather than per write: our writer's context in its pipeline,
 * where its prepared frames go (the frame encoder's context, or straight to the socket), and until when packets
 * after a CONNECT answer wait. Used on the channel's event loop only.
 */
final class WebSocketOutput {

    private static final AttributeKey<WebSocketOutput> KEY = AttributeKey.valueOf("medsyncWebSocketOutput");

    private final ChannelHandlerContext writer;
    private final WebSocketPacketWriter handler;
    private final ChannelHandlerContext frames;
    private final DirectFrameWrites direct;
    /** {@link System#nanoTime()} until which packets after a CONNECT answer wait; 0: they do not. */
    private long afterConnectUntil;

    private WebSocketOutput(ChannelHandlerContext writer, ChannelHandlerContext frames, DirectFrameWrites direct) {
        this.writer = writer;
        this.handler = (WebSocketPacketWriter) writer.handler();
        this.frames = frames;
        this.direct = direct;
    }

    /**
     * @param known what the caller looked up before, or null
     * @return the channel's output, or null when its pipeline has no writer (closed)
     */
    static WebSocketOutput of(Channel channel, WebSocketOutput known) {
        if (known != null && known.isCurrent()) {
            return known;
        }
        Attribute<WebSocketOutput> attribute = channel.attr(KEY);
        WebSocketOutput output = attribute.get();
        if (output == null || !output.isCurrent()) {
            output = lookUp(channel);
            attribute.set(output);
        }
        return output;
    }

    private static WebSocketOutput lookUp(Channel channel) {
        ChannelHandlerContext writer = channel.pipeline().context(WebSocketPacketWriter.class);
        if (writer == null) {
            return null;
        }
        ChannelHandlerContext frames = ((WebSocketPacketWriter) writer.handler()).framesAsBytes()
                ? channel.pipeline().context(WebSocketFrameEncoder.class) : null;
        return new WebSocketOutput(writer, frames, frames != null ? DirectFrameWrites.of(channel, frames) : null);
    }

    /** A pipeline being torn down removes its handlers; one still upgrading has no frame encoder yet. */
    private boolean isCurrent() {
        return !writer.isRemoved() && (frames == null ? !handler.framesAsBytes() : !frames.isRemoved());
    }

    /** Writes what is queued for the client, in order, then flushes ({@link WebSocketPacketWriter#drain}). */
    void drain(Queue<Packet> queue) {
        handler.drain(this, queue);
    }

    /**
     * Writes one packet, with nothing queued before it, straight to the socket when it can ({@link
     * WebSocketPacketWriter#writeAlone}).
     *
     * @return false, writing nothing, when it must go through the client's queue instead
     */
    boolean writeAlone(Packet packet) {
        return handler.writeAlone(this, packet);
    }

    /** Reads what a write will read of this output ({@link LoopRecipient#prefetch}). */
    int prefetch() {
        int read = isCurrent() ? 1 : 0;
        return direct != null ? read + direct.prefetch() : read;
    }

    /** Our writer's context. */
    ChannelHandlerContext writer() {
        return writer;
    }

    /** The frame encoder's context, where prepared frames are written; null when frames must be encoded. */
    ChannelHandlerContext frames() {
        return frames;
    }

    /**
     * Writes a prepared frame straight to the socket when it can ({@link DirectFrameWrites}).
     *
     * @return how many of its bytes the socket took, or {@link DirectFrameWrites#NOT_HERE}
     */
    int writeDirect(long address, int length) {
        return direct != null ? direct.write(address, length) : DirectFrameWrites.NOT_HERE;
    }

    /** Packets after the CONNECT answer just written wait {@code nanos}. */
    void holdAfterConnect(long nanos) {
        afterConnectUntil = System.nanoTime() + nanos;
        if (afterConnectUntil == 0) {
            afterConnectUntil = 1;
        }
    }

    /** @return how much longer packets after a CONNECT answer wait, 0 when they do not */
    long afterConnectHoldNanos() {
        if (afterConnectUntil == 0) {
            return 0;
        }
        long remaining = afterConnectUntil - System.nanoTime();
        if (remaining <= 0) {
            afterConnectUntil = 0;
            return 0;
        }
        return remaining;
    }
}
