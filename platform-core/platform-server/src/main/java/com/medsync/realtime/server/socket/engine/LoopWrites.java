package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.event.EncodedPacket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * How one event loop writes the deliveries handed to it ({@link LoopDrain}), used on that loop only.
 *
 * <p>A delivery that no other one follows for the same connection in the same run is written at once: with one
 * event per run (what a rate the loop keeps up with comes to), that is one system call per delivery, and no
 * queue between the hand-over and the write. Where more may follow (the run carries several events, or the next
 * delivery is for the same recipient), the packet joins the connection's queue, and the queue is written at the end
 * of the run: a client sent several events gets them in one write.
 */
public final class LoopWrites implements LoopDrain.Sink<LoopRecipient> {

    private static final Logger log = LoggerFactory.getLogger(LoopWrites.class);

    /** Connections with packets queued in this run, drained at its end. */
    private Set<EngineConnection> queued = LoopDrain.newIdentitySet();
    private boolean coalesce;

    LoopWrites() {
    }

    @Override
    public void send(LoopRecipient recipient, EncodedPacket packet, boolean coalesce) {
        this.coalesce = coalesce;
        recipient.sendOnLoop(packet, this);
    }

    /** Writes the packet to the connection's WebSocket now, or queues it to be written at the end of the run. */
    public void write(EngineConnection connection, EncodedPacket packet) {
        if (!coalesce) {
            connection.writeOnLoop(packet);
        } else if (connection.queueOnLoop(packet)) {
            queued.add(connection);
        }
    }

    @Override
    public int prefetch(LoopRecipient recipient) {
        return recipient.prefetch();
    }

    @Override
    public void endOfRun() {
        if (queued.isEmpty()) {
            return;
        }
        for (EngineConnection connection : queued) {
            try {
                connection.drainWebSocket();
            } catch (RuntimeException e) {
                // One connection's failure must not leave the others waiting for their next send.
                log.error("writing a connection's queued packets failed", e);
            }
        }
        queued = LoopDrain.emptied(queued);
    }
}
