package com.medsync.realtime.server.socket.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a binary Socket.IO packet back together: the packet announces {@code n} attachments, the next
 * {@code n} binary messages of the connection are its attachments, and each
 * {@code {"_placeholder":true,"num":i}} in its payload stands for attachment {@code i}. The result is a
 * plain EVENT or ACK whose payload holds the bytes as binary nodes.
 *
 * <p>One instance per packet being received; not thread-safe (the connection feeds it in order).
 */
public final class BinaryReassembly {

    private final SocketIoPacket header;
    private final List<byte[]> attachments = new ArrayList<>();

    private BinaryReassembly(SocketIoPacket header) {
        this.header = header;
    }

    /**
     * @param maxAttachments the most attachments a packet may announce
     * @throws MalformedPacketException when the packet announces more
     */
    public static BinaryReassembly of(SocketIoPacket header, int maxAttachments) throws MalformedPacketException {
        if (header.type() != SocketIoPacketType.BINARY_EVENT && header.type() != SocketIoPacketType.BINARY_ACK) {
            throw new IllegalArgumentException("not a binary packet: " + header.type());
        }
        if (header.attachments() > maxAttachments) {
            throw new MalformedPacketException("packet announces " + header.attachments()
                    + " binary attachments, at most " + maxAttachments + " are accepted");
        }
        return new BinaryReassembly(header);
    }

    /** @return whether every announced attachment has arrived */
    public boolean isComplete() {
        return attachments.size() == header.attachments();
    }

    public void add(byte[] attachment) {
        if (isComplete()) {
            throw new IllegalStateException("all " + header.attachments() + " attachments already arrived");
        }
        attachments.add(attachment);
    }

    /**
     * @return the packet as an EVENT or ACK with the attachments in place of their placeholders
     * @throws MalformedPacketException when a placeholder is malformed or names an attachment that does not exist
     */
    public SocketIoPacket packet() throws MalformedPacketException {
        if (!isComplete()) {
            throw new IllegalStateException(attachments.size() + " of " + header.attachments() + " attachments arrived");
        }
        SocketIoPacketType plain = header.type() == SocketIoPacketType.BINARY_EVENT
                ? SocketIoPacketType.EVENT : SocketIoPacketType.ACK;
        return new SocketIoPacket(plain, header.namespace(), header.ackId(), 0, restore(header.payload()));
    }

    private JsonNode restore(JsonNode node) throws MalformedPacketException {
        if (node.isObject() && node.has("_placeholder")) {
            JsonNode num = node.get("num");
            if (!node.get("_placeholder").asBoolean(false) || num == null || !num.canConvertToInt()
                    || num.asInt() < 0 || num.asInt() >= attachments.size()) {
                throw new MalformedPacketException("illegal attachment placeholder " + node);
            }
            return BinaryNode.valueOf(attachments.get(num.asInt()));
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, restore(array.get(i)));
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(restore(field.getValue()));
            }
        }
        return node;
    }
}
