package com.medsync.realtime.bench.server;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts any server under test by its key (medsync, bare_nettysocketio, node_socketio) with the run's secrets
 * and JVM options; each start gets a working directory and log of its own, so a fresh process (a cold
 * measurement) never inherits state or shares a log with an earlier one.
 */
public final class Servers {

    private final Path distribution;
    private final Path nodeServer;
    private final Secrets secrets;
    private final String jvmOptions;
    private final Path work;
    private final AtomicInteger starts = new AtomicInteger();

    public Servers(Path distribution, Path nodeServer, Secrets secrets, String jvmOptions, Path work) {
        this.distribution = distribution;
        this.nodeServer = nodeServer;
        this.secrets = secrets;
        this.jvmOptions = jvmOptions;
        this.work = work;
    }

    /**
     * @param medsyncPhase the migration phase MedSync starts in (ignored by the others)
     * @param tag names the working directory and the log, with a counter: {@code <key>-<n>-<tag>}
     */
    public ServerUnderTest start(String key, String medsyncPhase, String tag) {
        String name = key + "-" + starts.incrementAndGet() + "-" + tag;
        Path dir = work.resolve(name);
        Path log = work.resolve(name + ".log");
        return switch (key) {
            case "medsync" -> MedsyncServer.start(distribution, dir, log, secrets, jvmOptions, medsyncPhase);
            case "bare_nettysocketio" -> BareNettySocketIoServer.start(dir, log, secrets, jvmOptions);
            case "node_socketio" -> NodeSocketIoServer.start(nodeServer, dir, log, secrets);
            default -> throw new IllegalArgumentException("no such server: " + key);
        };
    }

    public Secrets secrets() {
        return secrets;
    }
}
