package com.medsync.realtime.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One benchmark client speaking Engine.IO 4 / Socket.IO 5 over a WebSocket, as the official client does
 * after it chose the WebSocket transport: on the open packet it sends the namespace CONNECT with its token,
 * answers every ping, and hands each event's stamp to the sink. Everything else a server may send (the
 * CONNECT of the main namespace, noops) is ignored.
 */
final class EngineIoClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final int index;
    private final String namespace;
    private final String connectFrame;
    private final DeliverySink sink;
    private final CompletableFuture<Void> connected;
    private final byte[] connectedPrefix;
    private final byte[] errorPrefix;
    private final byte[] eventPrefix;

    EngineIoClientHandler(int index, String namespace, String token, DeliverySink sink, CompletableFuture<Void> connected) {
        this.index = index;
        this.namespace = namespace;
        this.connectFrame = "40" + namespace + ",{\"token\":\"" + token + "\"}";
        this.sink = sink;
        this.connected = connected;
        this.connectedPrefix = ("40" + namespace + ",").getBytes(StandardCharsets.US_ASCII);
        this.errorPrefix = ("44" + namespace + ",").getBytes(StandardCharsets.US_ASCII);
        this.eventPrefix = ("42" + namespace + ",").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            connected.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf content = frame.content();
        if (!content.isReadable()) {
            return;
        }
        byte type = content.getByte(content.readerIndex());
        if (type == '2') {
            ctx.writeAndFlush(new TextWebSocketFrame("3"));
        } else if (type == '4') {
            if (startsWith(content, eventPrefix)) {
                OrderEvents.Stamp stamp = OrderEvents.read(content);
                if (stamp != null) {
                    sink.delivered(index, stamp.seq(), stamp.sentNanos(), System.nanoTime());
                }
            } else if (startsWith(content, connectedPrefix)) {
                connected.complete(null);
            } else if (startsWith(content, errorPrefix)) {
                connected.completeExceptionally(new IllegalStateException(
                        "connect_error: " + content.toString(StandardCharsets.UTF_8)));
                ctx.close();
            }
        } else if (type == '0') {
            ctx.writeAndFlush(new TextWebSocketFrame(connectFrame));
        } else if (type == '1') {
            ctx.close();
        }
    }

    private static boolean startsWith(ByteBuf content, byte[] prefix) {
        if (content.readableBytes() < prefix.length) {
            return false;
        }
        int start = content.readerIndex();
        for (int i = 0; i < prefix.length; i++) {
            if (content.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connected.completeExceptionally(new IllegalStateException("closed before the namespace " + namespace + " connected"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }
}
