package com.medsync.realtime.server.event;

/**
 * A Socket.IO packet ready for the wire, built by the engine ({@code socket.engine.Packets}). Outside the engine
 * it is opaque: the session layer, delivery and recovery hold and pass packets on without knowing the transport
 * that writes them. A broadcast's packet is built once and sent to all of its recipients.
 */
public interface EncodedPacket {
}
