package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.PacketsMessage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.CharsetUtil;

import java.time.Duration;
import java.util.Base64;

/**
 * Sits in front of netty-socketio's packet handler and splits each transport message into Engine.IO
 * packets. The heartbeat's pongs and a client's close packet are the platform's ({@link EngineHeartbeat},
 * {@link EngineListener}); the upgrade's probe and upgrade packets go on to netty-socketio, one packet at a
 * time; Socket.IO packets ({@code 4...}) go to the {@link EngineListener} and never reach
 * netty-socketio's decoder, whose namespace and auth handling this platform replaces.
 */
@Sharable
final class PacketGuard extends ChannelInboundHandlerAdapter {

    /** Engine.IO v4 separates packets of one polling payload with a record separator. */
    private static final byte RECORD_SEPARATOR = 0x1e;

    private static final String PROBE = "2probe";

    private final EngineConnections connections;
    private final Duration upgradeTimeout;

    PacketGuard(EngineConnections connections, Duration upgradeTimeout) {
        this.connections = connections;
        this.upgradeTimeout = upgradeTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PacketsMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf content = message.getContent();
        if (message.getTransport() == Transport.WEBSOCKET) {
            if (BinaryFrames.isReadingBinary(ctx)) {
                connections.traffic().packetIn(content.readableBytes());
                connections.onAttachment(message.getClient(), ByteBufUtil.getBytes(content));
            } else {
                route(ctx, message, content);
            }
            return;
        }
        int start = content.readerIndex();
        int end = content.writerIndex();
        while (start <= end) {
            int separator = content.indexOf(start, end, RECORD_SEPARATOR);
            int packetEnd = separator < 0 ? end : separator;
            if (!route(ctx, message, content.slice(start, packetEnd - start))) {
                return;
            }
            if (separator < 0) {
                break;
            }
            start = separator + 1;
        }
    }

    /**
     * The housekeeping packets a client may send, exactly: close {@code 1}, pong {@code 3}, and during an
     * upgrade the probe {@code 2probe} and the upgrade {@code 5}, both on the new WebSocket while the session
     * still polls. netty-socketio acts on anything that merely starts with those digits.
     *
     * @return what is wrong, or null when the packet is one of those
     */
    private static String housekeepingProblem(PacketsMessage message, ByteBuf packet) {
        String text = packet.toString(CharsetUtil.US_ASCII);
        boolean upgrading = message.getTransport() == Transport.WEBSOCKET
                && message.getClient().getCurrentTransport() == Transport.POLLING;
        return switch (text) {
            case "1", "3" -> null;
            case PROBE, "5" -> upgrading ? null : "'" + text + "' outside an upgrade";
            default -> "malformed Engine.IO packet '" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
                    + "'";
        };
    }

    /** @return false when the connection was closed and the rest of the message must be dropped */
    private boolean route(ChannelHandlerContext ctx, PacketsMessage message, ByteBuf packet) {
        if (!packet.isReadable()) {
            connections.onProtocolViolation(message.getClient(), "empty Engine.IO packet");
            return false;
        }
        byte type = packet.getByte(packet.readerIndex());
        switch (type) {
            case '4' -> {
                connections.traffic().packetIn(packet.readableBytes());
                String text = packet.toString(packet.readerIndex() + 1, packet.readableBytes() - 1, CharsetUtil.UTF_8);
                connections.onPacket(message.getClient(), text);
                return true;
            }
            case '1', '2', '3', '5' -> {
                String problem = housekeepingProblem(message, packet);
                if (problem != null) {
                    connections.onProtocolViolation(message.getClient(), problem);
                    return false;
                }
                switch (type) {
                    case '1' -> {
                        connections.onClientClose(message.getClient(), ctx.channel().eventLoop());
                        if (message.getTransport() == Transport.WEBSOCKET) {
                            ctx.channel().close();
                        }
                        return false;
                    }
                    case '3' -> {
                        connections.onPong(message.getClient());
                        return true;
                    }
                    case '2' -> UpgradeNudge.start(message.getClient(), ctx.channel().eventLoop(), upgradeTimeout);
                    default -> {
                    }
                }
                // The probe and the upgrade: netty-socketio runs the transport switch.
                ctx.fireChannelRead(new PacketsMessage(message.getClient(), packet, message.getTransport()));
                if (type == '5') {
                    connections.onUpgraded(message.getClient());
                }
                return true;
            }
            case 'b' -> {
                // Over polling an attachment travels as "b" and its bytes in base64. Line breaks are skipped,
                // as the reference server's decoder does: the Java client ends its base64 with one.
                byte[] attachment;
                try {
                    attachment = Base64.getMimeDecoder().decode(ByteBufUtil.getBytes(packet, packet.readerIndex() + 1,
                            packet.readableBytes() - 1));
                } catch (IllegalArgumentException e) {
                    connections.onProtocolViolation(message.getClient(), "binary packet that is not base64");
                    return false;
                }
                connections.traffic().packetIn(packet.readableBytes());
                connections.onAttachment(message.getClient(), attachment);
                return true;
            }
            case '6' -> {
                // A noop from a client carries nothing; netty-socketio would answer it with a CONNECT to "/".
                if (packet.readableBytes() != 1) {
                    connections.onProtocolViolation(message.getClient(), "noop packet with content");
                    return false;
                }
                return true;
            }
            default -> {
                connections.onProtocolViolation(message.getClient(), "unsupported Engine.IO packet type '"
                        + (char) type + "'");
                return false;
            }
        }
    }
}
