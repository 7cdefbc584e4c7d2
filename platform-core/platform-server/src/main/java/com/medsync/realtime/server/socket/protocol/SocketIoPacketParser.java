package com.medsync.realtime.server.socket.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A strict parser of Socket.IO protocol 5 packets: {@code <type>[<attachments>-][<nsp>,][<ackId>][<json>]}.
 *
 * <p>netty-socketio's own decoder guesses where the header ends by searching for {@code [} and {@code ?},
 * so an auth payload such as {@code {"token":"a[b"}} derails it and the client never hears back. This
 * parser reads the header left to right by the grammar and hands the rest to Jackson, and it refuses
 * anything the grammar does not allow instead of guessing.
 */
public final class SocketIoPacketParser {

    /**
     * The largest acknowledgement id accepted. Clients count them up from 0; netty-socketio's encoder, which
     * writes the answer, fails on an id above an int's range, and that failure would leave the connection's
     * later packets (its close packet too) unsent.
     */
    static final long MAX_ACK_ID = Integer.MAX_VALUE;
    private static final int MAX_ACK_ID_DIGITS = 10;
    private static final int MAX_ATTACHMENTS_DIGITS = 3;
    private static final int MAX_NAMESPACE_LENGTH = 256;

    private final ObjectMapper mapper;

    public SocketIoPacketParser() {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Anything after the payload would be silently dropped otherwise ("2[\"a\"]garbage").
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * @param text the packet, without its Engine.IO {@code 4} prefix
     * @return the packet
     * @throws MalformedPacketException when the text is not a valid packet
     */
    public SocketIoPacket parse(String text) throws MalformedPacketException {
        if (text.isEmpty()) {
            throw new MalformedPacketException("empty packet");
        }
        SocketIoPacketType type = SocketIoPacketType.fromDigit(text.charAt(0));
        if (type == null) {
            throw new MalformedPacketException("unknown packet type '" + text.charAt(0) + "'");
        }
        int pos = 1;

        int attachments = 0;
        if (type == SocketIoPacketType.BINARY_EVENT || type == SocketIoPacketType.BINARY_ACK) {
            int dash = text.indexOf('-', pos);
            if (dash < 0 || dash == pos || dash - pos > MAX_ATTACHMENTS_DIGITS || !digits(text, pos, dash)) {
                throw new MalformedPacketException("binary packet without a valid attachment count");
            }
            attachments = Integer.parseInt(text, pos, dash, 10);
            pos = dash + 1;
        }

        String namespace = "/";
        if (pos < text.length() && text.charAt(pos) == '/') {
            int comma = text.indexOf(',', pos);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(pos, end);
            if (namespace.length() > MAX_NAMESPACE_LENGTH) {
                throw new MalformedPacketException("namespace longer than " + MAX_NAMESPACE_LENGTH);
            }
            pos = comma < 0 ? end : comma + 1;
        }

        long ackId = SocketIoPacket.NO_ACK;
        int digitsEnd = pos;
        while (digitsEnd < text.length() && Character.isDigit(text.charAt(digitsEnd))
                && text.charAt(digitsEnd) < 128) {
            digitsEnd++;
        }
        if (digitsEnd > pos) {
            if (digitsEnd - pos > MAX_ACK_ID_DIGITS) {
                throw new MalformedPacketException("acknowledgement id too long");
            }
            ackId = Long.parseLong(text, pos, digitsEnd, 10);
            if (ackId > MAX_ACK_ID) {
                throw new MalformedPacketException("acknowledgement id above " + MAX_ACK_ID);
            }
            pos = digitsEnd;
        }

        JsonNode payload = null;
        if (pos < text.length()) {
            try {
                payload = mapper.readTree(text.substring(pos));
            } catch (JsonProcessingException e) {
                throw new MalformedPacketException("payload is not valid JSON");
            }
        }
        SocketIoPacket packet = new SocketIoPacket(type, namespace, ackId, attachments, payload);
        checkShape(packet);
        return packet;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The payload each packet type may carry, as the protocol defines it. */
    private static void checkShape(SocketIoPacket packet) throws MalformedPacketException {
        JsonNode payload = packet.payload();
        switch (packet.type()) {
            case CONNECT -> {
                if (packet.wantsAck()) {
                    throw new MalformedPacketException("CONNECT cannot carry an acknowledgement id");
                }
                if (payload != null && !payload.isObject()) {
                    throw new MalformedPacketException("CONNECT payload must be an object");
                }
            }
            case DISCONNECT -> {
                if (payload != null || packet.wantsAck()) {
                    throw new MalformedPacketException("DISCONNECT carries nothing");
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (payload == null || !payload.isArray() || payload.isEmpty() || !payload.get(0).isTextual()) {
                    throw new MalformedPacketException("EVENT payload must be an array starting with the event name");
                }
            }
            case ACK, BINARY_ACK -> {
                if (!packet.wantsAck() || payload == null || !payload.isArray()) {
                    throw new MalformedPacketException("ACK needs an id and an array payload");
                }
            }
            case CONNECT_ERROR -> throw new MalformedPacketException("clients cannot send CONNECT_ERROR");
            default -> throw new IllegalStateException("unhandled packet type " + packet.type());
        }
    }
}
