package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Engine.IO heartbeat of one connection, as protocol 4 defines it: a ping {@code pingInterval} after
 * the handshake and after each pong, and the connection closed when no pong comes within
 * {@code pingTimeout} of a ping.
 *
 * <p>netty-socketio's own heartbeat runs on a 100 ms timer wheel, so its pings drift by up to a tick each,
 * and its timeout is re-armed by any packet to interval plus timeout, so a polling client that stops polling
 * is noticed late. The platform turns it off (see {@link SocketIoEngine}) and runs this one on the
 * connection's event loop, which also confines this object's state to that thread.
 */
final class EngineHeartbeat {

    /** What the platform does with a connection whose client stopped answering pings. */
    interface Expiry {
        void pingTimedOut(ClientHead engine);
    }

    private final ClientHead engine;
    private final EventLoop loop;
    private final Duration interval;
    private final Duration timeout;
    private final Expiry expiry;
    private ScheduledFuture<?> pending;
    private boolean stopped;

    private EngineHeartbeat(ClientHead engine, EventLoop loop, Duration interval, Duration timeout, Expiry expiry) {
        this.engine = engine;
        this.loop = loop;
        this.interval = interval;
        this.timeout = timeout;
        this.expiry = expiry;
    }

    static EngineHeartbeat start(ClientHead engine, EventLoop loop, Duration interval, Duration timeout,
            Expiry expiry) {
        EngineHeartbeat heartbeat = new EngineHeartbeat(engine, loop, interval, timeout, expiry);
        loop.execute(heartbeat::schedulePing);
        return heartbeat;
    }

    /** @return the event loop of the connection's first transport, where its timers run */
    EventLoop loop() {
        return loop;
    }

    /** The client answered: the next ping comes a full interval from now. Callable from any thread. */
    void pong() {
        loop.execute(this::schedulePing);
    }

    /** The connection is gone. Callable from any thread. */
    void stop() {
        loop.execute(() -> {
            stopped = true;
            cancelPending();
        });
    }

    private void schedulePing() {
        if (stopped) {
            return;
        }
        cancelPending();
        pending = loop.schedule(this::ping, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        if (stopped || !engine.isConnected()) {
            return;
        }
        engine.send(new Packet(PacketType.PING, EngineIOVersion.V4));
        pending = loop.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
        if (!stopped && engine.isConnected()) {
            stopped = true;
            expiry.pingTimedOut(engine);
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
