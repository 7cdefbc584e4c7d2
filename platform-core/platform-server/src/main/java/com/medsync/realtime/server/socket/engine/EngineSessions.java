package com.medsync.realtime.server.socket.engine;

import io.netty.channel.Channel;

import java.util.Optional;
import java.util.UUID;

/** What the request check needs to know about open Engine.IO sessions, and tells them. */
interface EngineSessions {

    /** @return where an open session stands with its transports; empty for an id that is unknown or closed */
    Optional<EngineTransport> transportOf(UUID sessionId);

    /** A WebSocket was accepted to take over a polling session. */
    void upgradeStarted(UUID sessionId);

    /** A poll of an open session passed the checks, on {@code channel}; netty-socketio binds it next. */
    void pollArrived(UUID sessionId, Channel channel);

    /** The connection of a poll closed, after netty-socketio released it ({@link PollRebind}). */
    void pollClosed(UUID sessionId, Channel channel);
}
