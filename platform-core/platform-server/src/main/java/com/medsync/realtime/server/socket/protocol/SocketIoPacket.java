package com.medsync.realtime.server.socket.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One decoded Socket.IO packet.
 *
 * @param type        the packet type
 * @param namespace   the namespace, {@code /} when the packet names none
 * @param ackId       the acknowledgement id, or -1 when the packet asks for none
 * @param attachments the number of binary attachments announced (binary packets only)
 * @param payload     the JSON payload, or null when the packet has none
 */
public record SocketIoPacket(SocketIoPacketType type, String namespace, long ackId, int attachments, JsonNode payload) {

    public static final long NO_ACK = -1;

    public boolean wantsAck() {
        return ackId != NO_ACK;
    }
}
