package com.medsync.realtime.server.testing;

import com.medsync.realtime.spi.auth.Handshake;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** A CONNECT's handshake with a given namespace and auth payload, from 127.0.0.1, with no header or query. */
public record FixedHandshake(String namespace, Map<String, Object> auth) implements Handshake {

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }
}
