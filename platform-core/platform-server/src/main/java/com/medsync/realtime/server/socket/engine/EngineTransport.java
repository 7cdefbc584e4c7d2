package com.medsync.realtime.server.socket.engine;

/** Where an open Engine.IO session stands with its transports. */
enum EngineTransport {
    /** Long-polling, no upgrade under way. */
    POLLING,
    /** Long-polling, with a WebSocket probing to take over. */
    UPGRADING,
    /** Upgraded, or connected over WebSocket from the start: the session belongs to that WebSocket. */
    WEBSOCKET
}
