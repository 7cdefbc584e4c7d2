package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.protocol.Packet;
import com.medsync.realtime.server.event.EncodedPacket;

/**
 * A netty-socketio packet behind the transport-neutral {@link EncodedPacket}. Broadcast events skip this wrapper:
 * a {@link PreEncodedPacket} is an {@link EncodedPacket} itself.
 */
record EnginePacket(Packet packet) implements EncodedPacket {

    /** The packet netty-socketio writes; every {@link EncodedPacket} comes from {@link Packets}. */
    static Packet unwrap(EncodedPacket encoded) {
        if (encoded instanceof PreEncodedPacket preEncoded) {
            return preEncoded;
        }
        return ((EnginePacket) encoded).packet();
    }
}
