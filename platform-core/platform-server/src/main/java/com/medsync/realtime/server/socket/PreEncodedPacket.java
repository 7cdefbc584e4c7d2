package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An event packet without binary attachments whose whole Engine.IO text payload ({@code 42/ns,["event",...]})
 * was encoded once when it was built. {@link WebSocketPacketWriter} sends these bytes as they are to every
 * WebSocket the packet goes to; a polling client gets the packet through netty-socketio's encoder, which
 * copies the pre-encoded arguments ({@link PreEncodedJsonSupport}).
 *
 * <p>One instance is shared by every recipient of a broadcast, from many threads: nothing may change it
 * after it is built.
 */
final class PreEncodedPacket extends Packet {

    private static final long serialVersionUID = 1L;

    private final byte[] payload;

    private PreEncodedPacket(String wireNamespace, String event, EncodedArguments arguments) {
        super(PacketType.MESSAGE, EngineIOVersion.V4);
        setSubType(PacketType.EVENT);
        setNsp(wireNamespace);
        setName(event);
        setData(List.of(arguments));
        this.payload = payload(wireNamespace, arguments.json());
    }

    static PreEncodedPacket event(String wireNamespace, String event, EncodedArguments arguments) {
        return new PreEncodedPacket(wireNamespace, event, arguments);
    }

    /** The Engine.IO payload: message type, Socket.IO event type, namespace and its comma, the JSON array. */
    byte[] payload() {
        return payload;
    }

    private static byte[] payload(String wireNamespace, byte[] json) {
        byte[] namespace = wireNamespace.isEmpty() ? new byte[0]
                : (wireNamespace + ",").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + namespace.length + json.length];
        payload[0] = (byte) ('0' + PacketType.MESSAGE.getValue());
        payload[1] = (byte) ('0' + PacketType.EVENT.getValue());
        System.arraycopy(namespace, 0, payload, 2, namespace.length);
        System.arraycopy(json, 0, payload, 2 + namespace.length, json.length);
        return payload;
    }
}
