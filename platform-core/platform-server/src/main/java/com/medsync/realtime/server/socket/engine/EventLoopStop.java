package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.SocketIOServer;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops netty-socketio's event loops without Netty's default two-second quiet period. Its
 * {@code SocketIOServer.stop()} shuts the acceptor group, then the connection group, each with
 * {@code shutdownGracefully()}, which waits for two seconds without a task; under load (clients closed a moment
 * before, reconnections refused) each wait restarts, and a node that had five hundred clients took more than
 * the ten-second shutdown grace period to exit. By then every client has been sent its close and nothing is
 * left to wait for: both groups stop at once, running what is queued, and {@code stop()} then finds them done.
 * netty-socketio keeps its groups private (it has no hook to supply them); the fields are read once, and when
 * a version renames them the stop falls back to netty-socketio's own ({@link NettySocketIoInternals}).
 */
final class EventLoopStop {

    private static final String[] GROUPS = {"bossGroup", "workerGroup"};

    private EventLoopStop() {
    }

    static void stop(SocketIOServer server, Duration timeout) {
        List<Future<?>> stopping = new ArrayList<>();
        for (String name : GROUPS) {
            NettySocketIoInternals.read(server, SocketIOServer.class, name, EventLoopGroup.class).ifPresent(group ->
                    stopping.add(group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)));
        }
        for (Future<?> future : stopping) {
            future.awaitUninterruptibly(timeout.toMillis());
        }
        server.stop();
    }
}
