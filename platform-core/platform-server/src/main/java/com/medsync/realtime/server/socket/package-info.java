/**
 * Socket.IO above Engine.IO: CONNECT with authentication, namespaces and their sockets, client events with
 * their rate limit and acknowledgements, and per-socket back-pressure. Transport-neutral: it speaks to the
 * engine through {@link com.medsync.realtime.server.socket.engine.EngineConnection}, and asks connection state
 * recovery (a layer above it) through the {@link com.medsync.realtime.server.socket.SocketRecovery} port.
 */
package com.medsync.realtime.server.socket;
