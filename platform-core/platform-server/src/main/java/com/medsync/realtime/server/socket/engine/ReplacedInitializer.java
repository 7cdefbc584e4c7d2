package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;

/**
 * Releases the channel initializer a {@link SocketIOServer} makes for itself when it is constructed, before ours
 * ({@link GuardedChannelInitializer}) takes its place. That initializer holds a {@code HashedWheelTimer} which
 * nothing would ever stop: {@code SocketIOServer.stop()} stops only the initializer in place. The timer never ran,
 * so no thread is lost, but Netty tracks every timer and, once the collector takes it, logs a
 * {@code LEAK: HashedWheelTimer.release() was not called} error that an operator would rightly chase.
 */
final class ReplacedInitializer {

    private ReplacedInitializer() {
    }

    /** Call before {@code setPipelineFactory}; the initializer netty-socketio made is never used afterwards. */
    static void release(SocketIOServer server) {
        NettySocketIoInternals.read(server, SocketIOServer.class, "pipelineFactory", SocketIOChannelInitializer.class)
                .flatMap(initializer -> NettySocketIoInternals.read(initializer, SocketIOChannelInitializer.class,
                        "scheduler", Object.class))
                // Its own stop() would also shut the store factory of a configuration it has not been given yet.
                .ifPresent(scheduler -> NettySocketIoInternals.call(scheduler, "shutdown"));
    }
}
