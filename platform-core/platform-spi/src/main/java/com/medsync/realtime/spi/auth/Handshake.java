package com.medsync.realtime.spi.auth;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What a client presented when it asked to join a namespace. Everything here is untrusted input.
 */
public interface Handshake {

    /** @return the namespace asked for, such as {@code /patient-pharmacy} or {@code /} */
    String namespace();

    /** @return the CONNECT auth payload ({@code io(url, {auth})}), empty when the client sent none */
    Map<String, Object> auth();

    /** @return the first value of a query parameter of the Engine.IO handshake request */
    Optional<String> queryParameter(String name);

    /** @return the first value of a header of the Engine.IO handshake request (name case-insensitive) */
    Optional<String> header(String name);

    /** @return the peer address of the handshake connection */
    InetSocketAddress remoteAddress();
}
