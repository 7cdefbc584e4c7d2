package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import com.medsync.realtime.server.event.EncodedPacket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the outgoing Socket.IO packets that netty-socketio's encoder writes, handed out as transport-neutral
 * {@link EncodedPacket}s. Only Engine.IO 4 clients get this far (protocol 5), so every packet is built for that
 * version.
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

    /**
     * An event packet; without binary arguments (nearly always) it is encoded here, once, however many
     * sockets it then goes to.
     */
    public static EncodedPacket event(String namespace, String event, List<?> args) {
        List<?> values = EncoderArguments.forEvent(event, args);
        if (values.size() == 1 && values.get(0) instanceof EncodedArguments encoded) {
            return PreEncodedPacket.event(wireNamespace(namespace), event, encoded);
        }
        Packet packet = base(namespace, PacketType.EVENT);
        packet.setName(event);
        packet.setData(values);
        return new EnginePacket(packet);
    }

    /** The answer to a client's acknowledgement request. */
    public static EncodedPacket ack(String namespace, long ackId, List<?> args) {
        Packet packet = base(namespace, PacketType.ACK);
        packet.setAckId(ackId);
        packet.setData(EncoderArguments.forAck(args));
        return new EnginePacket(packet);
    }

    /**
     * The packet to hand netty-socketio for one socket. Its encoder changes the packet it encodes (an event
     * with bytes becomes a binary event holding its attachments), so a packet built for several sockets, a
     * broadcast's, must not reach it twice: each socket gets a copy. A pre-encoded packet is never changed.
     */
    static Packet forOneSocket(Packet packet) {
        if (packet instanceof PreEncodedPacket || packet.getType() != PacketType.MESSAGE) {
            return packet;
        }
        Packet copy = new Packet(packet.getType(), packet.getEngineIOVersion());
        copy.setSubType(packet.getSubType());
        copy.setNsp(packet.getNsp());
        copy.setName(packet.getName());
        copy.setAckId(packet.getAckId());
        copy.setData(packet.<Object>getData());
        return copy;
    }

    /** The CONNECT answer: the socket id, and the private session id when connection state recovery is on. */
    public static EncodedPacket connected(String namespace, String socketId, Optional<String> pid) {
        Packet packet = base(namespace, PacketType.CONNECT);
        // Ordered as the reference server writes it: {"sid":...,"pid":...}.
        Map<String, String> data = new LinkedHashMap<>();
        data.put("sid", socketId);
        pid.ifPresent(id -> data.put("pid", id));
        packet.setData(data);
        return new EnginePacket(packet);
    }

    /**
     * A CONNECT_ERROR the official client understands: it reads {@code err.message} from an object
     * payload, so a bare string (what netty-socketio sends) would reach it as an empty message.
     */
    public static EncodedPacket connectError(String namespace, String message) {
        Packet packet = base(namespace, PacketType.ERROR);
        packet.setData(Map.of("message", message));
        return new EnginePacket(packet);
    }

    public static EncodedPacket disconnect(String namespace) {
        return new EnginePacket(base(namespace, PacketType.DISCONNECT));
    }

    static Packet engineClose() {
        return new Packet(PacketType.CLOSE, EngineIOVersion.V4);
    }
}
