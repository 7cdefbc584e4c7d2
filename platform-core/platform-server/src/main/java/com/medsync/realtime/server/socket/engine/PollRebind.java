package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.handler.ClientHead;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import java.util.UUID;

/**
 * Placed after netty-socketio's polling transport: when a poll's connection closes, after the transport released
 * it, the session's newest poll is bound again if that release unbound it ({@link EngineConnection#pollClosed}).
 */
@Sharable
final class PollRebind extends ChannelInboundHandlerAdapter {

    /** The session a poll belongs to, set by the request check when the poll passes it. */
    static final AttributeKey<UUID> POLL_OF = AttributeKey.valueOf("medsyncPollOf");

    private final EngineSessions sessions;

    PollRebind(EngineSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UUID session = ctx.channel().attr(POLL_OF).get();
        if (session == null) {
            // The handshake's poll has no session id in its request: netty-socketio marks it with its client.
            ClientHead client = ctx.channel().attr(ClientHead.CLIENT).get();
            session = client == null ? null : client.getSessionId();
        }
        if (session != null) {
            sessions.pollClosed(session, ctx.channel());
        }
        ctx.fireChannelInactive();
    }
}
