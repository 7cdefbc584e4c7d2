package com.medsync.realtime.server.event;

import com.fasterxml.jackson.databind.JsonNode;

/** What the server needs to know about an event's payload tree. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * @return whether the tree holds a binary node anywhere: an attachment of a client's binary event, which JSON
     *     text cannot carry as bytes
     */
    public static boolean containsBinary(JsonNode node) {
        if (node.isBinary()) {
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (containsBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
