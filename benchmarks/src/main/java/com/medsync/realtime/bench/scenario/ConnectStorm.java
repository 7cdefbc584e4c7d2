package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.DeliverySink;
import com.medsync.realtime.bench.load.SocketFleet;

/**
 * Connect storm: authenticated Socket.IO connections (WebSocket upgrade, Engine.IO open, namespace CONNECT
 * with a real JWT, CONNECT answered) opened as fast as the server takes them, a bounded number in flight.
 */
public final class ConnectStorm {

    /** @param perSecond completed authenticated handshakes per second */
    public record Result(int requested, int connected, int failed, double perSecond, String firstFailure) {
    }

    private ConnectStorm() {
    }

    public static Result run(SocketFleet fleet, int connections, int window) {
        Audience audience = new Audience(connections, Math.max(1, connections / 100));
        SocketFleet.Opened opened = fleet.open(audience, 0, connections, window, DeliverySink.NONE);
        fleet.closeAll();
        return new Result(opened.requested(), opened.connected(), opened.failed(), opened.perSecond(), opened.firstFailure());
    }
}
