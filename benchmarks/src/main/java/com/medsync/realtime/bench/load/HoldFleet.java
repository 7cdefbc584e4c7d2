package com.medsync.realtime.bench.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle authenticated connections held by several Node.js generator processes in hold mode, each with at most
 * {@code perProcess} sockets and its own loopback source address (127.0.0.1, 127.0.0.2, ...): one process
 * could not hold 20,000 sockets under the 20,000 descriptors a process may have here, and one source address
 * would put every connection on one address's ephemeral ports.
 */
public final class HoldFleet implements AutoCloseable {

    /** What adding sockets gave. */
    public record Added(int requested, int connected, int failed, String firstFailure, long millis) {
    }

    private final Path loadgen;
    private final ObjectNode baseSpec;
    private final int rooms;
    private final int perProcess;
    private final int addresses;
    private final Path logs;
    private final List<NodeLoadgen> processes = new ArrayList<>();
    private int next;
    private int connected;

    /** @param baseSpec from {@link NodeLoadgen#spec}, with connectConcurrency if wanted */
    public HoldFleet(Path loadgen, ObjectNode baseSpec, int rooms, int perProcess, int addresses, Path logs) {
        this.loadgen = loadgen;
        this.baseSpec = baseSpec;
        this.rooms = rooms;
        this.perProcess = perProcess;
        this.addresses = addresses;
        this.logs = logs;
    }

    /**
     * Opens {@code count} more sockets in new processes, one process after the other (the server's accept
     * queue then sees one process's handshakes at a time, as in the other scenarios).
     */
    public Added add(int count) {
        long start = System.nanoTime();
        int ok = 0;
        int failed = 0;
        String firstFailure = null;
        for (int remaining = count; remaining > 0; ) {
            int sockets = Math.min(perProcess, remaining);
            int index = processes.size();
            ObjectNode spec = baseSpec.deepCopy();
            ArrayNode local = spec.putArray("localAddresses");
            local.add("127.0.0." + (index % addresses + 1));
            spec.put("sockets", sockets).put("rooms", rooms).put("firstSocket", next).put("hold", true);
            NodeLoadgen process = NodeLoadgen.start(loadgen, spec, logs.resolve("hold-" + index + ".log"));
            processes.add(process);
            NodeLoadgen.Connected done = process.awaitConnected(Duration.ofMinutes(3));
            ok += done.sockets();
            failed += done.failed();
            if (firstFailure == null) {
                firstFailure = done.firstFailure();
            }
            next += sockets;
            remaining -= sockets;
        }
        connected += ok;
        return new Added(count, ok, failed, firstFailure, (System.nanoTime() - start) / 1_000_000);
    }

    /** @return sockets the processes reported connected (closes by the server since are not subtracted) */
    public int connected() {
        return connected;
    }

    public int processes() {
        return processes.size();
    }

    /** Releases every process; @return what they still held and how many the server had closed */
    public NodeLoadgen.Held release() {
        int open = 0;
        int closedByServer = 0;
        for (NodeLoadgen process : processes) {
            NodeLoadgen.Held held = process.release(Duration.ofSeconds(60));
            open += held.open();
            closedByServer += held.closedByServer();
        }
        close();
        return new NodeLoadgen.Held(open, closedByServer);
    }

    @Override
    public void close() {
        processes.forEach(NodeLoadgen::close);
        processes.clear();
    }
}
