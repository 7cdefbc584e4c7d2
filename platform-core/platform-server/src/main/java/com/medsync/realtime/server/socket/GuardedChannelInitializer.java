package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.SocketIOChannelInitializer;

import io.netty.channel.ChannelPipeline;

import java.time.Duration;

/**
 * netty-socketio's pipeline with our {@link OriginGuard} and {@link PacketGuard} in front of its packet
 * handler. Everything else
 * (HTTP codec, polling and WebSocket transports, encoder) stays as netty-socketio builds it.
 */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {

    static final String PACKET_GUARD = "medsyncPacketGuard";
    static final String ORIGIN_GUARD = "medsyncOriginGuard";

    private final PacketGuard guard;
    private final OriginGuard originGuard;

    GuardedChannelInitializer(SocketGateway gateway, Duration upgradeTimeout, OriginPolicy origins) {
        this.guard = new PacketGuard(gateway, upgradeTimeout);
        this.originGuard = new OriginGuard(origins);
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.addBefore(PACKET_HANDLER, PACKET_GUARD, guard);
        pipeline.addBefore(PACKET_GUARD, ORIGIN_GUARD, originGuard);
    }
}
