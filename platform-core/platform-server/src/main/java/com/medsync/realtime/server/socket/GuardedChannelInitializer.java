package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.SocketIOChannelInitializer;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;

import java.time.Duration;

/**
 * netty-socketio's pipeline with our {@link OriginGuard} and {@link PacketGuard} in front of its packet
 * handler. Everything else
 * (HTTP codec, polling and WebSocket transports, encoder) stays as netty-socketio builds it.
 */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {

    static final String PACKET_GUARD = "medsyncPacketGuard";
    static final String ORIGIN_GUARD = "medsyncOriginGuard";
    static final String HANDSHAKE_WATCH = "medsyncHandshakeWatch";
    static final String REQUEST_CHECK = "medsyncRequestCheck";

    private final PacketGuard guard;
    private final OriginGuard originGuard;
    private final HandshakeWatch handshakeWatch;
    private final EngineRequestCheck requestCheck;

    GuardedChannelInitializer(SocketGateway gateway, String path, Duration upgradeTimeout, Duration connectTimeout,
            OriginPolicy origins) {
        this.requestCheck = new EngineRequestCheck(path, gateway::isOpenEngine);
        this.guard = new PacketGuard(gateway, upgradeTimeout);
        this.originGuard = new OriginGuard(origins);
        this.handshakeWatch = new HandshakeWatch(gateway, connectTimeout);
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        // netty-socketio puts the response encoder after the aggregator, so the aggregator's own answer to an
        // oversized body (413) is written past the encoder and the client sees a dropped connection instead.
        pipeline.remove(HTTP_ENCODER);
        pipeline.addAfter(HTTP_REQUEST_DECODER, HTTP_ENCODER, new HttpResponseEncoder());
        pipeline.addBefore(PACKET_HANDLER, PACKET_GUARD, guard);
        pipeline.addBefore(PACKET_GUARD, ORIGIN_GUARD, originGuard);
        pipeline.addAfter(ORIGIN_GUARD, REQUEST_CHECK, requestCheck);
        pipeline.addAfter(AUTHORIZE_HANDLER, HANDSHAKE_WATCH, handshakeWatch);
    }
}
