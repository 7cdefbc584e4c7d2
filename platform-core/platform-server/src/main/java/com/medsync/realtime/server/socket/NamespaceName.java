package com.medsync.realtime.server.socket;

import java.util.Optional;

/**
 * What a namespace's name may be, in the one place both ask it: a plugin serving one and a plugin's manifest
 * declaring one. A Socket.IO client sends the name in its CONNECT packet as written, so a name with a space or a
 * control character could be served and never reached by a client that percent-encodes it, and would break the
 * comma-separated manifest entry.
 */
public final class NamespaceName {

    private NamespaceName() {
    }

    /** @return what is wrong with a name, such as {@code does not start with '/'}; empty for a valid name */
    public static Optional<String> problem(String name) {
        if (name == null || !name.startsWith("/")) {
            return Optional.of("does not start with '/'");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == ',')) {
            return Optional.of("contains a space, a comma or a control character");
        }
        return Optional.empty();
    }
}
