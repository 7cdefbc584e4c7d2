package com.medsync.realtime.auth;

import com.medsync.realtime.spi.auth.Handshake;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A handshake built by hand: what a client would have sent, without a network. */
final class FakeHandshake implements Handshake {

    private final Map<String, Object> auth = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();

    static FakeHandshake empty() {
        return new FakeHandshake();
    }

    static FakeHandshake authToken(Object token) {
        return new FakeHandshake().auth("token", token);
    }

    /** HashMap, not Map.of: a client may send {@code token: null}. */
    FakeHandshake auth(String name, Object value) {
        auth.put(name, value);
        return this;
    }

    FakeHandshake query(String name, String value) {
        query.put(name, value);
        return this;
    }

    FakeHandshake header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    @Override
    public String namespace() {
        return "/patient-pharmacy";
    }

    @Override
    public Map<String, Object> auth() {
        return auth;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }
}
