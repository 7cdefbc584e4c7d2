package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.SocketIOChannelInitializer;

import io.netty.channel.ChannelPipeline;

import java.time.Duration;

/**
 * netty-socketio's pipeline with our {@link PacketGuard} in front of its packet handler. Everything else
 * (HTTP codec, polling and WebSocket transports, encoder) stays as netty-socketio builds it.
 */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {

    static final String PACKET_GUARD = "medsyncPacketGuard";

    private final PacketGuard guard;

    GuardedChannelInitializer(SocketGateway gateway, Duration upgradeTimeout) {
        this.guard = new PacketGuard(gateway, upgradeTimeout);
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.addBefore(PACKET_HANDLER, PACKET_GUARD, guard);
    }
}
