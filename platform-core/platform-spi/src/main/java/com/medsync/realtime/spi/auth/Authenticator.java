package com.medsync.realtime.spi.auth;

/**
 * Decides who is connecting. Called once for every Socket.IO CONNECT to a served namespace, before the
 * socket exists; a refused CONNECT never reaches any other hook.
 *
 * <p>Implementations are called off the network threads and may block briefly (a key lookup), but must
 * not depend on the client's payload for identity beyond the credential it carries.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param handshake what the client sent: the CONNECT auth payload, its query and its headers
     * @return the authenticated principal
     * @throws AuthenticationException when the client is refused; its {@link AuthenticationException#reason()}
     *     is shown to the client as {@code Authentication error: <reason>}
     */
    Principal authenticate(Handshake handshake) throws AuthenticationException;
}
