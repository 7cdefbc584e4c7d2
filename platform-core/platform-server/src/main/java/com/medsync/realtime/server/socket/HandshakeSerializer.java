package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.protocol.AuthPacket;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes the Engine.IO open packet as protocol 4 defines it: netty-socketio's leaves out {@code maxPayload},
 * which clients use to size their polling batches.
 */
final class HandshakeSerializer extends StdSerializer<AuthPacket> {

    private static final long serialVersionUID = 1L;

    private final int maxPayload;

    private HandshakeSerializer(int maxPayload) {
        super(AuthPacket.class);
        this.maxPayload = maxPayload;
    }

    static SimpleModule module(int maxPayload) {
        return new SimpleModule("medsync-handshake").addSerializer(AuthPacket.class, new HandshakeSerializer(maxPayload));
    }

    @Override
    public void serialize(AuthPacket packet, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject();
        json.writeStringField("sid", packet.getSid().toString());
        json.writeArrayFieldStart("upgrades");
        for (String upgrade : packet.getUpgrades()) {
            json.writeString(upgrade);
        }
        json.writeEndArray();
        json.writeNumberField("pingInterval", packet.getPingInterval());
        json.writeNumberField("pingTimeout", packet.getPingTimeout());
        json.writeNumberField("maxPayload", maxPayload);
        json.writeEndObject();
    }
}
