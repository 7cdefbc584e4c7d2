package com.medsync.realtime.bench.server;

import java.time.Duration;

/** What every server under test shares: its process, its two loopback ports, the run's secrets. */
abstract class RunningServer implements ServerUnderTest {

    protected final ServerProcess process;
    private final int socketPort;
    private final int httpPort;
    protected final Secrets secrets;

    RunningServer(ServerProcess process, int socketPort, int httpPort, Secrets secrets) {
        this.process = process;
        this.socketPort = socketPort;
        this.httpPort = httpPort;
        this.secrets = secrets;
    }

    /** Waits for the process to answer on its HTTP port, and stops it if it does not. */
    static ServerProcess awaitReady(ServerProcess process, int httpPort, Duration timeout) {
        try {
            process.awaitReady(httpPort, timeout);
            return process;
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    @Override
    public int socketPort() {
        return socketPort;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public String apiKey() {
        return secrets.apiKey();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Heap after a full GC through jcmd, and RSS: for the JVM servers. */
    protected MemorySample jvmMemory() {
        return new MemorySample(Jcmd.heapAfterGc(process.pid()), process.rssBytes());
    }

    @Override
    public void close() {
        process.close();
    }
}
