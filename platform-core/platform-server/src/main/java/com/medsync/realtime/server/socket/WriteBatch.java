package com.medsync.realtime.server.socket;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket writes of one delivery, one task per event loop. netty-socketio asks a client's event loop to
 * drain its packet queue once per packet sent, from the sending thread: for an event to a room of a hundred
 * sockets, a hundred tasks handed across threads. Here each packet joins its client's queue at once, in order
 * with everything else sent to that client, and {@link #flush} hands each event loop one task that drains the
 * queues of all of its clients the delivery reached.
 *
 * <p>Used by one thread at a time; flush before dropping it, or the packets wait for the client's next write.
 */
public final class WriteBatch {

    private final Map<EventLoop, List<SocketSession>> byLoop = new IdentityHashMap<>();

    void drainLater(EventLoop loop, SocketSession socket) {
        byLoop.computeIfAbsent(loop, ignored -> new ArrayList<>()).add(socket);
    }

    /** Asks every event loop concerned to write out what this batch queued for its clients. */
    public void flush() {
        byLoop.forEach((loop, sockets) -> loop.execute(() -> sockets.forEach(SocketSession::drainWebSocket)));
        byLoop.clear();
    }
}
