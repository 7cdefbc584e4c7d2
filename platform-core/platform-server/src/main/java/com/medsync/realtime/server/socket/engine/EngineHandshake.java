package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.HandshakeData;
import com.medsync.realtime.spi.auth.Handshake;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SPI view of a CONNECT: its auth payload plus what the Engine.IO handshake request carried. */
record EngineHandshake(String namespace, Map<String, Object> auth, HandshakeData engine) implements Handshake {

    EngineHandshake {
        auth = auth == null ? Map.of() : java.util.Collections.unmodifiableMap(auth);
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = engine.getUrlParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(engine.getHttpHeaders().get(name));
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return engine.getAddress();
    }
}
