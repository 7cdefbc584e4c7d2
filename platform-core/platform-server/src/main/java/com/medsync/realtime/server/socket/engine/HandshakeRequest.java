package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.HandshakeData;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Engine.IO handshake request of a connection as netty-socketio kept it, without its types: what the Admin UI
 * shows of a socket. It is the client's own input, secrets included (a token in a header or the query): whoever
 * shows it decides what to leave out.
 *
 * @param headers header names in lower case, each with its first value
 * @param url     the request's path and query
 * @param time    when the handshake arrived
 * @param xdomain whether the request came from a browser page of another origin
 */
public record HandshakeRequest(InetSocketAddress address, Map<String, String> headers,
        Map<String, List<String>> query, String url, Instant time, boolean xdomain) {

    static HandshakeRequest of(HandshakeData data) {
        Map<String, String> headers = new LinkedHashMap<>();
        data.getHttpHeaders().forEach(header -> headers.putIfAbsent(
                header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue()));
        Map<String, List<String>> query = new LinkedHashMap<>();
        data.getUrlParams().forEach((name, values) -> query.put(name, List.copyOf(values.stream().filter(java.util.Objects::nonNull).toList())));
        return new HandshakeRequest(data.getAddress(), Collections.unmodifiableMap(headers),
                Collections.unmodifiableMap(query), data.getUrl(),
                data.getTime().toInstant(), data.isXdomain());
    }
}
