package com.medsync.realtime.server.socket;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import java.util.List;
import java.util.Map;

/**
 * Builds the outgoing Socket.IO packets that netty-socketio's encoder writes. Only Engine.IO 4 clients get
 * this far (protocol 5), so every packet is built for that version.
 */
public final class Packets {

    private Packets() {
    }

    /** netty-socketio names the main namespace "" where the protocol says "/". */
    static String wireNamespace(String namespace) {
        return "/".equals(namespace) ? "" : namespace;
    }

    static Packet base(String namespace, PacketType subType) {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(subType);
        packet.setNsp(wireNamespace(namespace));
        return packet;
    }

    public static Packet event(String namespace, String event, List<?> args) {
        Packet packet = base(namespace, PacketType.EVENT);
        packet.setName(event);
        packet.setData(EncoderArguments.forEvent(event, args));
        return packet;
    }

    /** The CONNECT answer: the socket id, and the private session id when connection state recovery is on. */
    static Packet connected(String namespace, String socketId, java.util.Optional<String> pid) {
        Packet packet = base(namespace, PacketType.CONNECT);
        // Ordered as the reference server writes it: {"sid":...,"pid":...}.
        Map<String, String> data = new java.util.LinkedHashMap<>();
        data.put("sid", socketId);
        pid.ifPresent(id -> data.put("pid", id));
        packet.setData(data);
        return packet;
    }

    /**
     * A CONNECT_ERROR the official client understands: it reads {@code err.message} from an object
     * payload, so a bare string (what netty-socketio sends) would reach it as an empty message.
     */
    static Packet connectError(String namespace, String message) {
        Packet packet = base(namespace, PacketType.ERROR);
        packet.setData(Map.of("message", message));
        return packet;
    }

    static Packet disconnect(String namespace) {
        return base(namespace, PacketType.DISCONNECT);
    }

    static Packet engineClose() {
        return new Packet(PacketType.CLOSE, EngineIOVersion.V4);
    }
}
