package com.medsync.realtime.bench.jmh;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.bench.load.OrderEvents;
import com.medsync.realtime.server.socket.engine.Packets;
import com.medsync.realtime.server.socket.engine.PreEncodedJsonSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** An {@code order:new} packet as the platform builds it, and netty-socketio's encoder as the platform configures it. */
final class BroadcastPackets {

    static final String NAMESPACE = "/patient-pharmacy";

    private BroadcastPackets() {
    }

    static JsonNode orderData() {
        try {
            return new ObjectMapper().readTree(OrderEvents.envelope(42, 123456789L, "ph_7")).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Packet orderPacket(JsonNode data) {
        // An event without bytes is pre-encoded, and the engine's pre-encoded packet is netty-socketio's Packet.
        return (Packet) Packets.event(NAMESPACE, "order:new", List.of(data));
    }

    static PacketEncoder encoder() {
        Configuration configuration = new Configuration();
        return new PacketEncoder(configuration, new PreEncodedJsonSupport(new JacksonJsonSupport()));
    }
}
