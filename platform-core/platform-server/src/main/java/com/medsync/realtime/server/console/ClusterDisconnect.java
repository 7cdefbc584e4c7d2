package com.medsync.realtime.server.console;

import java.util.List;
import java.util.Optional;

/** Sending a user's sockets away on the other nodes of a cluster (this node's are {@link SocketDisconnects}'). */
public interface ClusterDisconnect {

    /** @return what the other nodes answered */
    Outcome disconnectUser(String userId);

    /**
     * @param node         a node's id
     * @param disconnected how many of the user's sockets it sent away
     */
    record NodeCount(String node, int disconnected) {
    }

    /**
     * @param nodes      the other nodes that answered in time
     * @param unanswered how many other nodes got the request and did not answer in time (they still act on it)
     * @param problem    why the other nodes could not be asked (Redis unreachable), if so
     */
    record Outcome(List<NodeCount> nodes, int unanswered, Optional<String> problem) {

        public Outcome {
            nodes = List.copyOf(nodes);
        }
    }
}
