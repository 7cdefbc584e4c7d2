package com.medsync.realtime.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A process's open file descriptors and its limit, from /proc: a server holding N sockets needs N descriptors
 * plus its own (jars, epoll and event fds, listening sockets, logs), and its limit here cannot be raised above
 * the hard limit the machine gives (20,000), so these say how many connections it can hold at most.
 */
public final class Descriptors {

    private Descriptors() {
    }

    /** @return the descriptors the process has open now, or -1 when /proc does not say */
    public static int open(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the process's soft limit of open files ("Max open files" in /proc/PID/limits), or -1 */
    public static int limit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    return fields[0].equals("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(fields[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
