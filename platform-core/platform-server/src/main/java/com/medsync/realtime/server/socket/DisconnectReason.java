package com.medsync.realtime.server.socket;

/** Why a socket left its namespace, named as Socket.IO's reference server names it on its side. */
public enum DisconnectReason {
    /** The connection was lost or closed under the socket (the client may recover it). */
    TRANSPORT_CLOSE("transport close"),
    /** The client left the namespace with a DISCONNECT packet. */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server sent the socket away: its namespace stopped being served, or an operator disconnected it. */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

    private final String wireName;

    DisconnectReason(String wireName) {
        this.wireName = wireName;
    }

    /** @return the reason as the reference server words it */
    public String wireName() {
        return wireName;
    }
}
