package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.SocketIOServer;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
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
 * a version renames them the stop falls back to netty-socketio's own.
 */
final class EventLoopStop {

    private static final Logger log = LoggerFactory.getLogger(EventLoopStop.class);
    private static final String[] GROUPS = {"bossGroup", "workerGroup"};

    private EventLoopStop() {
    }

    static void stop(SocketIOServer server, Duration timeout) {
        List<Future<?>> stopping = new ArrayList<>();
        for (String name : GROUPS) {
            EventLoopGroup group = group(server, name);
            if (group != null) {
                stopping.add(group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        for (Future<?> future : stopping) {
            future.awaitUninterruptibly(timeout.toMillis());
        }
        server.stop();
    }

    private static EventLoopGroup group(SocketIOServer server, String name) {
        try {
            Field field = SocketIOServer.class.getDeclaredField(name);
            field.setAccessible(true);
            return (EventLoopGroup) field.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("netty-socketio's {} is out of reach ({}); its own stop waits for its quiet period", name,
                    e.toString());
            return null;
        }
    }
}
