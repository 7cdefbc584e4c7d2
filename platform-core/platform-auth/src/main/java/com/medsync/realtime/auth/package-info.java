/**
 * JWT authentication for the Socket.IO handshake: {@link com.medsync.realtime.auth.JwtSettings} (what the
 * operator configured), {@link com.medsync.realtime.auth.JwtAuthenticator} (the
 * {@link com.medsync.realtime.spi.auth.Authenticator} the server installs) and
 * {@link com.medsync.realtime.auth.TokenIssuer} (HS256 tokens for dev mode and tests).
 */
package com.medsync.realtime.auth;
