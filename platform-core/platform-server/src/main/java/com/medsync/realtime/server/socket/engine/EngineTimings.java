package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.config.ServerSettings.SocketSettings;

import java.time.Duration;

/**
 * The clocks of one Engine.IO connection: how long it may take to authenticate, and its heartbeat.
 *
 * @param connectTimeout how long a new connection has to open an authenticated socket
 * @param pingInterval   time between a pong (or the handshake) and the next ping
 * @param pingTimeout    how long the client has to answer a ping
 */
record EngineTimings(Duration connectTimeout, Duration pingInterval, Duration pingTimeout) {

    static EngineTimings of(SocketSettings settings) {
        return new EngineTimings(settings.connectTimeout(), settings.pingInterval(), settings.pingTimeout());
    }
}
