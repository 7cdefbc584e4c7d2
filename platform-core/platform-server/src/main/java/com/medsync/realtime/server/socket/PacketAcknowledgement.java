package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.socket.AckError;
import com.medsync.realtime.spi.socket.Acknowledgement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The acknowledgement of one client packet, answered with an ACK packet carrying its id. */
final class PacketAcknowledgement implements Acknowledgement {

    private final SocketSession socket;
    private final long ackId;
    private final AtomicBoolean answered = new AtomicBoolean();

    PacketAcknowledgement(SocketSession socket, long ackId) {
        this.socket = socket;
        this.ackId = ackId;
    }

    @Override
    public boolean requested() {
        return ackId >= 0;
    }

    @Override
    public void ok() {
        reply(Map.of("ok", true));
    }

    @Override
    public void error(AckError code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error", error);
        reply(body);
    }

    @Override
    public void reply(List<com.fasterxml.jackson.databind.JsonNode> args) {
        if (requested() && answered.compareAndSet(false, true)) {
            socket.acknowledge(ackId, List.copyOf(args));
        }
    }

    private void reply(Object body) {
        if (requested() && answered.compareAndSet(false, true)) {
            socket.acknowledge(ackId, List.of(body));
        }
    }
}
