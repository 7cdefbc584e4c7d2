package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.medsync.realtime.server.config.ServerSettings.SocketSettings;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;

import java.io.IOException;

/**
 * netty-socketio's pipeline with our handlers around its own: guards in front of its packet handler
 * ({@link OriginGuard}, {@link EngineRequestCheck}, {@link PacketGuard}), our writer of WebSocket packets
 * ({@link WebSocketPacketWriter}) in front of its encoder, a polling POST answered after its packets were read
 * ({@link PostAnswerAfterPackets}), a poll bound again when netty-socketio's release of the one before unbound it
 * ({@link PollRebind}), its encoder of polling answers given a payload encoder that loses no packet
 * ({@link PollingPayloadEncoder}), and fixes of its HTTP answers. Its HTTP codec and its polling and WebSocket
 * transports stay as it builds them.
 */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {

    static final String PACKET_GUARD = "medsyncPacketGuard";
    static final String ORIGIN_GUARD = "medsyncOriginGuard";
    static final String HANDSHAKE_WATCH = "medsyncHandshakeWatch";
    static final String REQUEST_CHECK = "medsyncRequestCheck";
    static final String CLOSING_RESPONSES = "medsyncClosingResponses";
    static final String BINARY_FRAMES = "medsyncBinaryFrames";
    static final String POLLING_ATTACHMENTS = "medsyncPollingAttachments";
    static final String WEBSOCKET_WRITER = "medsyncWebSocketWriter";
    static final String POST_ANSWER = "medsyncPostAnswer";
    static final String POLL_REBIND = "medsyncPollRebind";

    private final PacketGuard guard;
    private final OriginGuard originGuard;
    private final HandshakeWatch handshakeWatch;
    private final EngineRequestCheck requestCheck;
    private final ClosingResponses closingResponses = new ClosingResponses();
    private final BinaryFrames binaryFrames = new BinaryFrames();
    private final PostAnswerAfterPackets postAnswer = new PostAnswerAfterPackets();
    private final PollRebind pollRebind;
    private WebSocketPacketWriter webSocketWriter;
    private EncoderHandler pollingAnswers;

    GuardedChannelInitializer(EngineConnections connections, SocketSettings settings, OriginPolicy origins) {
        this.requestCheck = new EngineRequestCheck(settings.path(), connections, settings.maxPayloadBytes());
        this.guard = new PacketGuard(connections, settings.upgradeTimeout());
        this.originGuard = new OriginGuard(origins);
        this.handshakeWatch = new HandshakeWatch(connections, EngineTimings.of(settings));
        this.pollRebind = new PollRebind(connections);
    }

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        super.start(configuration, namespacesHub);
        webSocketWriter = new WebSocketPacketWriter(
                new PacketEncoder(configuration, configuration.getJsonSupport()),
                configuration.getMaxFramePayloadLength(), configuration.isWebsocketCompression());
        try {
            pollingAnswers = new EncoderHandler(configuration, new PollingPayloadEncoder(configuration));
        } catch (IOException e) {
            // Only reading netty-socketio's version for its response header can fail, as in super.start.
            throw new IllegalStateException("netty-socketio's encoder could not be built", e);
        }
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.replace(SOCKETIO_ENCODER, SOCKETIO_ENCODER, pollingAnswers);
        // netty-socketio puts the response encoder after the aggregator, so the aggregator's own answer to an
        // oversized body (413) is written past the encoder and the client sees a dropped connection instead.
        pipeline.remove(HTTP_ENCODER);
        pipeline.addAfter(HTTP_REQUEST_DECODER, HTTP_ENCODER, new HttpResponseEncoder());
        pipeline.addAfter(HTTP_ENCODER, CLOSING_RESPONSES, closingResponses);
        pipeline.addBefore(PACKET_HANDLER, PACKET_GUARD, guard);
        pipeline.addBefore(PACKET_GUARD, ORIGIN_GUARD, originGuard);
        // Nearer the tail than the HTTP compressor: it rewrites the payload before any gzip.
        pipeline.addBefore(ORIGIN_GUARD, POLLING_ATTACHMENTS, new PollingAttachments());
        pipeline.addAfter(ORIGIN_GUARD, REQUEST_CHECK, requestCheck);
        pipeline.addAfter(AUTHORIZE_HANDLER, HANDSHAKE_WATCH, handshakeWatch);
        pipeline.addBefore(WEB_SOCKET_TRANSPORT, BINARY_FRAMES, binaryFrames);
        // Outbound messages start at the tail: this one sees them before netty-socketio's encoder does.
        pipeline.addAfter(SOCKETIO_ENCODER, WEBSOCKET_WRITER, webSocketWriter);
        pipeline.addAfter(WEBSOCKET_WRITER, POST_ANSWER, postAnswer);
        pipeline.addAfter(XHR_POLLING_TRANSPORT, POLL_REBIND, pollRebind);
    }
}
