package com.medsync.realtime.server.recovery;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a reconnecting Socket.IO client (v4.6 and later) adds to its CONNECT auth payload: the private
 * session id ({@code pid}) it was given, and the offset of the last event it received ({@code offset}),
 * which it only has once it received one.
 */
record RecoveryRequest(String pid, Optional<String> offset) {

    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final int MAX_OFFSET_LENGTH = 128;

    /** @return the request in an auth payload, empty when it holds none or a malformed one */
    static Optional<RecoveryRequest> from(Map<String, Object> auth) {
        if (!(auth.get("pid") instanceof String pid) || !PID.matcher(pid).matches()) {
            return Optional.empty();
        }
        Object offset = auth.get("offset");
        if (offset == null) {
            return Optional.of(new RecoveryRequest(pid, Optional.empty()));
        }
        if (!(offset instanceof String text) || text.isEmpty() || text.length() > MAX_OFFSET_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new RecoveryRequest(pid, Optional.of(text)));
    }
}
