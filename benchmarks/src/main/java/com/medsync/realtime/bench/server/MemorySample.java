package com.medsync.realtime.bench.server;

/**
 * A server's memory at one moment.
 *
 * @param heapBytes heap in use right after a full GC (JVM: {@code jcmd GC.run} then {@code GC.heap_info};
 *     node: {@code process.memoryUsage().heapUsed} after {@code global.gc()})
 * @param rssBytes resident set size from {@code /proc/PID/status}
 */
public record MemorySample(long heapBytes, long rssBytes) {
}
