package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.protocol.AuthPacket;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.medsync.realtime.server.config.ServerSettings.SocketSettings;

import java.io.IOException;

/**
 * Writes the Engine.IO open packet as protocol 4 defines it: netty-socketio's leaves out {@code maxPayload},
 * which clients use to size their polling batches, and would announce its own heartbeat timings, which the
 * platform replaces with {@link EngineHeartbeat}.
 */
final class HandshakeSerializer extends StdSerializer<AuthPacket> {

    private static final long serialVersionUID = 1L;

    private final int maxPayload;
    private final long pingInterval;
    private final long pingTimeout;

    private HandshakeSerializer(SocketSettings settings) {
        super(AuthPacket.class);
        this.maxPayload = settings.maxPayloadBytes();
        this.pingInterval = settings.pingInterval().toMillis();
        this.pingTimeout = settings.pingTimeout().toMillis();
    }

    static SimpleModule module(SocketSettings settings) {
        return new SimpleModule("medsync-handshake").addSerializer(AuthPacket.class, new HandshakeSerializer(settings));
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
        json.writeNumberField("pingInterval", pingInterval);
        json.writeNumberField("pingTimeout", pingTimeout);
        json.writeNumberField("maxPayload", maxPayload);
        json.writeEndObject();
    }
}
