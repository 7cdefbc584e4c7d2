package com.medsync.realtime.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.bench.load.HoldFleet;
import com.medsync.realtime.bench.load.NodeLoadgen;
import com.medsync.realtime.bench.server.Descriptors;
import com.medsync.realtime.bench.server.MemorySample;
import com.medsync.realtime.bench.server.ServerUnderTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity: idle authenticated connections held at rising counts by Node.js generator processes in hold mode
 * (so the generator's own descriptor limit is not the bound); heap after a full GC and RSS, measured against
 * the same server with none, divided by the count. A level the server's own descriptors cannot take (its
 * limit minus what it has open before the level, minus a margin for what it opens meanwhile) is lowered to
 * the largest multiple of 10 that fits, and the level says so.
 */
public final class Capacity {

    private static final Logger LOG = LoggerFactory.getLogger(Capacity.class);

    /**
     * Memory at one connection count.
     *
     * @param requested the level asked for; @param attempted what the server's descriptors allowed
     * @param serverFdsBefore the server's open descriptors before the level's connections
     * @param serverFdsAtLevel its open descriptors with the level's connections held
     * @param limitedBy why {@code attempted < requested}, or null
     */
    public record Level(int requested, int attempted, int held, int failed, int serverFdsBefore, int serverFdsAtLevel,
            MemorySample memory, double heapBytesPerConnection, double rssBytesPerConnection, String limitedBy) {
    }

    /**
     * The idle server's memory and each level.
     *
     * @param serverFdLimit the server's limit of open files; @param idleServerFds its open descriptors idle
     * @param closedByServer sockets the server closed while held (0 expected)
     */
    public record Result(MemorySample idle, int serverFdLimit, int idleServerFds, int generatorProcesses,
            List<Level> levels, int closedByServer) {
    }

    /** Where the generator processes come from, and how many sockets each holds. */
    public record Generators(Path loadgen, Path logs, String jwtSecret, int perProcess,
            int addresses, int connectConcurrency, int fdMargin) {
    }

    private Capacity() {
    }

    private static double perConnection(long bytes, int connections) {
        return connections == 0 ? 0 : bytes / (double) connections;
    }

    public static Result run(ServerUnderTest server, int[] levels, Generators generators) {
        MemorySample idle = server.memory();
        long pid = server.pid();
        int limit = Descriptors.limit(pid);
        int idleFds = Descriptors.open(pid);
        int max = levels[levels.length - 1];
        ObjectNode spec = NodeLoadgen.spec(server.socketPort(), server.httpPort(), server.apiKey(), generators.jwtSecret(), pid)
                .put("connectConcurrency", generators.connectConcurrency());
        List<Level> results = new ArrayList<>();
        int failed = 0;
        try (HoldFleet fleet = new HoldFleet(generators.loadgen(), spec, Math.max(1, max / 100), generators.perProcess(),
                generators.addresses(), generators.logs())) {
            for (int level : levels) {
                int fdsBefore = Descriptors.open(pid);
                int attempted = fitting(level, fleet.connected(), limit, fdsBefore, generators.fdMargin());
                int own = fdsBefore - fleet.connected();
                String limitedBy = attempted >= level ? null : String.format("the server may open %,d files (the machine's hard"
                        + " limit, which cannot be raised here) and %,d descriptors are its own (jars, epoll, listening"
                        + " sockets, logs), so at most %,d sockets; %d more kept free for what it opens meanwhile",
                        limit, own, limit - own, generators.fdMargin());
                if (attempted <= fleet.connected()) {
                    continue;
                }
                HoldFleet.Added added = fleet.add(attempted - fleet.connected());
                failed += added.failed();
                if (added.firstFailure() != null) {
                    LOG.warn("{}: {} of {} connections failed, first: {}", server.key(), added.failed(), added.requested(),
                            added.firstFailure());
                }
                Drain.sleep(1000);
                int held = fleet.connected();
                MemorySample memory = server.memory();
                int fdsAtLevel = Descriptors.open(pid);
                Level result = new Level(level, attempted, held, failed, fdsBefore, fdsAtLevel, memory,
                        perConnection(memory.heapBytes() - idle.heapBytes(), held),
                        perConnection(memory.rssBytes() - idle.rssBytes(), held), limitedBy);
                LOG.info("capacity {}: {} held of {} asked ({} attempted), server descriptors {} of {}, heap {} B/connection,"
                        + " rss {} B/connection", server.key(), held, level, attempted, fdsAtLevel, limit,
                        Math.round(result.heapBytesPerConnection()), Math.round(result.rssBytesPerConnection()));
                results.add(result);
            }
            int processes = fleet.processes();
            NodeLoadgen.Held released = fleet.release();
            return new Result(idle, limit, idleFds, processes, results, released.closedByServer());
        }
    }

    /**
     * @return the level, or the largest multiple of 10 the server's descriptors still allow: each new socket
     *     takes one, and {@code margin} stay free for what the server opens meanwhile (a class file, a log)
     */
    static int fitting(int level, int held, int limit, int fdsNow, int margin) {
        if (limit <= 0 || fdsNow < 0) {
            return level;
        }
        int room = limit - fdsNow - margin;
        if (level - held <= room) {
            return level;
        }
        return Math.max(held, (held + room) / 10 * 10);
    }
}
