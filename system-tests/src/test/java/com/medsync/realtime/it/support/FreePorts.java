package com.medsync.realtime.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, the only address these tests may bind to. */
public final class FreePorts {

    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /**
     * A port that was free a moment ago. There is an unavoidable window before the caller binds it;
     * the OS hands out ephemeral ports round-robin, so a collision in practice needs another process
     * racing for the very same number.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** @return whether {@code port} on 127.0.0.1 could be bound a moment ago */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port below the kernel's ephemeral range, for a server that goes down while others keep connecting
     * to its port (Redis, a node restarted under a load balancer's health checks): were it an ephemeral port,
     * one of those attempts could connect to itself (TCP simultaneous open) and hold the port, so that the
     * server could not come back on it.
     */
    public static int belowEphemeralRange() {
        // Linux's default ephemeral range starts at 32768 (/proc/sys/net/ipv4/ip_local_port_range).
        int low = 10_000;
        int firstEphemeral = 32_768;
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = low + random.nextInt(firstEphemeral - low);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + low + " and " + firstEphemeral);
    }
}
