package com.medsync.realtime.bench.scenario;

import com.medsync.realtime.bench.load.Audience;
import com.medsync.realtime.bench.load.DeliverySink;
import com.medsync.realtime.bench.load.SocketFleet;
import com.medsync.realtime.bench.server.MemorySample;
import com.medsync.realtime.bench.server.ServerUnderTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Capacity: idle authenticated connections held at rising counts; heap after a full GC and RSS, measured
 * against the same server with none, divided by the count.
 */
public final class Capacity {

    private static final Logger LOG = LoggerFactory.getLogger(Capacity.class);

    /** Memory at one connection count. */
    public record Level(int requested, int held, int failed, MemorySample memory, double heapBytesPerConnection,
            double rssBytesPerConnection) {
    }

    /** The idle server's memory and each level. */
    public record Result(MemorySample idle, List<Level> levels) {
    }

    private Capacity() {
    }

    private static double perConnection(long bytes, int connections) {
        return connections == 0 ? 0 : bytes / (double) connections;
    }

    public static Result run(ServerUnderTest server, SocketFleet fleet, int[] levels, int window) {
        MemorySample idle = server.memory();
        int max = levels[levels.length - 1];
        Audience audience = new Audience(max, Math.max(1, max / 100));
        List<Level> results = new ArrayList<>();
        int failed = 0;
        int opened = 0;
        for (int level : levels) {
            SocketFleet.Opened batch = fleet.open(audience, opened, level - opened, window, DeliverySink.NONE);
            opened = level;
            failed += batch.failed();
            if (batch.firstFailure() != null) {
                LOG.warn("{}: {} of {} connections failed, first: {}", server.key(), batch.failed(), batch.requested(),
                        batch.firstFailure());
            }
            Drain.sleep(1000);
            int held = fleet.size();
            MemorySample memory = server.memory();
            Level result = new Level(level, held, failed, memory, perConnection(memory.heapBytes() - idle.heapBytes(), held),
                    perConnection(memory.rssBytes() - idle.rssBytes(), held));
            LOG.info("capacity {}: {} held, heap {} B/connection, rss {} B/connection", server.key(), held,
                    Math.round(result.heapBytesPerConnection()), Math.round(result.rssBytesPerConnection()));
            results.add(result);
        }
        fleet.closeAll();
        return new Result(idle, results);
    }
}
