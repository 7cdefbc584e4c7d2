package com.medsync.realtime.bench.server;

/** One of the servers the benchmark compares, running in its own process on loopback ports. */
public interface ServerUnderTest extends AutoCloseable {

    /** @return the key used in latest.json: medsync, node_socketio, bare_nettysocketio */
    String key();

    /** @return the name in the report, with the version */
    String label();

    int socketPort();

    int httpPort();

    /** @return the bearer key of its publish endpoint */
    String apiKey();

    long pid();

    MemorySample memory();

    /** @return the server's process, for a profiler to attach to (JVM servers only) */
    default boolean isJvm() {
        return true;
    }

    @Override
    void close();
}
