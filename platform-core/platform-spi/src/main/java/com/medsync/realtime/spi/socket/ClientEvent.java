package com.medsync.realtime.spi.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One event a client emitted. Everything in it but the socket is untrusted input: check types and sizes
 * and answer mistakes through the acknowledgement.
 *
 * @param socket the socket that sent it
 * @param name   the event name
 * @param args   the arguments after the name, possibly empty
 * @param ack    the acknowledgement (does nothing when the client asked for none)
 */
public record ClientEvent(ClientSocket socket, String name, ArrayNode args, Acknowledgement ack) {

    /** @return the first argument, or a missing node when there is none */
    public JsonNode firstArg() {
        return args.path(0);
    }
}
