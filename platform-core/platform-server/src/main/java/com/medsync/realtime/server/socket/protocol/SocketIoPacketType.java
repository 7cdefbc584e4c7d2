package com.medsync.realtime.server.socket.protocol;

/** Socket.IO protocol 5 packet types, carried inside Engine.IO {@code message} packets. */
public enum SocketIoPacketType {
    CONNECT,
    DISCONNECT,
    EVENT,
    ACK,
    CONNECT_ERROR,
    BINARY_EVENT,
    BINARY_ACK;

    /** @return the type for a packet's first character, or null when it is not a Socket.IO type */
    static SocketIoPacketType fromDigit(char c) {
        int ordinal = c - '0';
        return ordinal >= 0 && ordinal < values().length ? values()[ordinal] : null;
    }
}
