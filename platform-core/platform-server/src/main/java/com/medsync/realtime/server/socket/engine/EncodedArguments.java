package com.medsync.realtime.server.socket.engine;

/**
 * The JSON array of a packet's values ({@code ["event", arg, ...]} for an event, {@code [arg, ...]} for an
 * ack), encoded to UTF-8 once when the packet is built. {@link PreEncodedJsonSupport} writes these bytes for
 * every socket the packet goes to, where netty-socketio would serialize the values again for each one.
 */
record EncodedArguments(byte[] json) {
}
