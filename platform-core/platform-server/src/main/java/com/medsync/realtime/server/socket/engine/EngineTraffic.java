package com.medsync.realtime.server.socket.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of what went through the Socket.IO port since the node started: Engine.IO connections opened
 * and closed, and Socket.IO packets and their bytes each way. Counting is a few adder increments per packet, cheap
 * enough to be always on; readers take differences between two {@link #snapshot()}s.
 *
 * <p>Bytes are those of the Engine.IO packets (a polling payload's separators and HTTP framing not included).
 * Packets out are the Socket.IO packets handed to connections; their bytes are counted where they are encoded once
 * for the connection (a broadcast's shared frame counts once per recipient).
 */
public final class EngineTraffic {

    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsClosed = new LongAdder();
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    /** The totals at one moment. */
    public record Totals(long connectionsOpened, long connectionsClosed, long packetsIn, long bytesIn,
            long packetsOut, long bytesOut) {

        /** @return what happened between {@code earlier} and this */
        public Totals since(Totals earlier) {
            return new Totals(connectionsOpened - earlier.connectionsOpened,
                    connectionsClosed - earlier.connectionsClosed, packetsIn - earlier.packetsIn,
                    bytesIn - earlier.bytesIn, packetsOut - earlier.packetsOut, bytesOut - earlier.bytesOut);
        }
    }

    public Totals snapshot() {
        return new Totals(connectionsOpened.sum(), connectionsClosed.sum(), packetsIn.sum(), bytesIn.sum(),
                packetsOut.sum(), bytesOut.sum());
    }

    void connectionOpened() {
        connectionsOpened.increment();
    }

    void connectionClosed() {
        connectionsClosed.increment();
    }

    void packetIn(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    void packetOut(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }
}
