package com.medsync.realtime.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link HttpApiServer} listens and how much work it accepts.
 *
 * @param bindHost       address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port           TCP port; {@code 0} picks a free one (read it back with {@link HttpApiServer#port()})
 * @param maxBodyBytes   largest request body accepted; larger bodies are answered 413
 * @param handlerThreads number of platform threads that run {@link HttpHandler}s
 * @param nativeTransport whether Linux's epoll transport is used where it is available (else Java NIO)
 * @param ioThreads      number of network threads (Netty's event loops), which read and answer requests and run
 *                       the routes added with {@link Router#routeOnNetworkThread}
 * @param requestTimeout how long a client may take to send one request, from its first byte to its last, while
 *                       the server reads; a request still incomplete then is answered 408 and the connection closed
 * @param idleTimeout    how long a keep-alive connection may go without a request before it is closed
 */
public record HttpServerSettings(String bindHost, int port, int maxBodyBytes, int handlerThreads,
        boolean nativeTransport, int ioThreads, Duration requestTimeout, Duration idleTimeout) {

    /** What {@link #requestTimeout()} is unless set: ample for a megabyte over a slow link. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** What {@link #idleTimeout()} is unless set. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Settings on the native transport where it is available, with {@link #defaultIoThreads()}. */
    public HttpServerSettings(String bindHost, int port, int maxBodyBytes, int handlerThreads) {
        this(bindHost, port, maxBodyBytes, handlerThreads, true);
    }

    /** Settings with {@link #defaultIoThreads()}. */
    public HttpServerSettings(String bindHost, int port, int maxBodyBytes, int handlerThreads,
            boolean nativeTransport) {
        this(bindHost, port, maxBodyBytes, handlerThreads, nativeTransport, defaultIoThreads());
    }

    /** Settings with {@link #DEFAULT_REQUEST_TIMEOUT} and {@link #DEFAULT_IDLE_TIMEOUT}. */
    public HttpServerSettings(String bindHost, int port, int maxBodyBytes, int handlerThreads,
            boolean nativeTransport, int ioThreads) {
        this(bindHost, port, maxBodyBytes, handlerThreads, nativeTransport, ioThreads, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * One network thread per two cores, at most four: routes on the network thread (a single node's publishes)
     * run there, and the rest of the server needs the other cores. On 2 cores one thread took 12% less CPU per
     * delivery than two with 10 recipients per event, and a fifth less peak fan-out (benchmarks journal,
     * 2026-12-07).
     */
    public static int defaultIoThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** Rejects settings that could only fail later, and less clearly, at bind or request time. */
    public HttpServerSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (handlerThreads <= 0) {
            throw new IllegalArgumentException("handlerThreads must be positive, was " + handlerThreads);
        }
        if (ioThreads <= 0) {
            throw new IllegalArgumentException("ioThreads must be positive, was " + ioThreads);
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(idleTimeout, "idleTimeout");
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + timeout);
        }
    }
}
