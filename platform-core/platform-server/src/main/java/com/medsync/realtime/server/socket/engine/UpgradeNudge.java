package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a polling session moving while it upgrades to WebSocket. The client pauses polling during the
 * upgrade and sends the final upgrade packet only once its pending poll has returned; netty-socketio
 * answers the probe with a single noop, so a poll that starts after it waits a whole ping interval. The
 * reference server re-sends the noop every 100 ms until the upgrade completes; so does this.
 */
final class UpgradeNudge {

    private static final long PERIOD_MILLIS = 100;

    private UpgradeNudge() {
    }

    static void start(ClientHead engine, EventLoop loop, Duration upgradeTimeout) {
        long deadline = System.nanoTime() + upgradeTimeout.toNanos();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(loop.scheduleAtFixedRate(() -> {
            if (engine.getCurrentTransport() == Transport.WEBSOCKET || !engine.isConnected()
                    || System.nanoTime() - deadline > 0) {
                task.get().cancel(false);
                return;
            }
            // One queued noop at a time: a poll that is not there yet picks it up when it arrives.
            if (engine.getPacketsQueue(Transport.POLLING).isEmpty()) {
                engine.send(new Packet(PacketType.NOOP, EngineIOVersion.V4), Transport.POLLING);
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS));
    }
}
