package com.medsync.realtime.server.socket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer to one client event: {@code {ok: true}} or {@code {ok: false, error: {code, message}}}, sent
 * only when the client asked for an acknowledgement, and at most once.
 */
public final class Acknowledgement {

    private final SocketSession socket;
    private final long ackId;
    private final AtomicBoolean answered = new AtomicBoolean();

    Acknowledgement(SocketSession socket, long ackId) {
        this.socket = socket;
        this.ackId = ackId;
    }

    public boolean requested() {
        return ackId >= 0;
    }

    public void ok() {
        reply(Map.of("ok", true));
    }

    public void error(AckError code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error", error);
        reply(body);
    }

    private void reply(Object body) {
        if (requested() && answered.compareAndSet(false, true)) {
            socket.acknowledge(ackId, List.of(body));
        }
    }
}
