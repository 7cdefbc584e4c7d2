package com.medsync.realtime.bench.load;

/** Told about every benchmark order a socket receives, on that socket's event loop thread. */
@FunctionalInterface
public interface DeliverySink {

    DeliverySink NONE = (socket, seq, sentNanos, receivedNanos) -> { };

    void delivered(int socket, long seq, long sentNanos, long receivedNanos);
}
