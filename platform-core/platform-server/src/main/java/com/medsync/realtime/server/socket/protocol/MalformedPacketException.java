package com.medsync.realtime.server.socket.protocol;

/** A packet that does not follow the Socket.IO protocol; the connection that sent it is closed. */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
