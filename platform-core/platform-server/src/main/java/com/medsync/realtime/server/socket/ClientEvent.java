package com.medsync.realtime.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One event a client emitted. Everything in it but the socket is untrusted input.
 *
 * @param socket the socket that sent it; its principal is the only identity to trust
 * @param name   the event name
 * @param args   the arguments after the name, possibly empty
 * @param ack    the acknowledgement to answer (a no-op when the client asked for none)
 */
public record ClientEvent(SocketSession socket, String name, ArrayNode args, Acknowledgement ack) {

    /** @return the first argument, or a missing node when there is none */
    public JsonNode firstArg() {
        return args.path(0);
    }
}
