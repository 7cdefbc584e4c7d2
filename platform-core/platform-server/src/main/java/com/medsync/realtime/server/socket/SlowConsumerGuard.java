package com.medsync.realtime.server.socket;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells when a socket's client has fallen too far behind to keep sending to it: more than the outbound queue's
 * worth of packets sent while its WebSocket stayed unwritable, or as many waiting for a poll that does not come.
 * Such a client is cut off once, reconnects, and catches up through connection state recovery, instead of
 * making the server hold an unbounded backlog for it. Called from any delivering thread.
 */
final class SlowConsumerGuard {

    /** What to do with one packet for the client. */
    enum Verdict {
        /** Send it. */
        SEND,
        /** The client just went over the limit: drop the packet and cut the client off. */
        CUT_OFF,
        /** The client was cut off already: drop the packet. */
        DROP
    }

    private final int maxQueued;
    private final AtomicInteger sentWhileUnwritable = new AtomicInteger();
    private final AtomicBoolean cutOff = new AtomicBoolean();

    SlowConsumerGuard(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /** @return whether the client was cut off */
    boolean isCutOff() {
        return cutOff.get();
    }

    /**
     * @param writable    whether the client's transport takes writes now
     * @param pollsBehind whether a polling client has {@link #maxQueued()} packets waiting
     */
    Verdict beforeSend(boolean writable, boolean pollsBehind) {
        if (cutOff.get()) {
            return Verdict.DROP;
        }
        int behind = writable ? 0 : sentWhileUnwritable.incrementAndGet();
        if (writable && sentWhileUnwritable.get() != 0) {
            sentWhileUnwritable.set(0);
        }
        if (behind > maxQueued || pollsBehind) {
            return cutOff.compareAndSet(false, true) ? Verdict.CUT_OFF : Verdict.DROP;
        }
        return Verdict.SEND;
    }

    int maxQueued() {
        return maxQueued;
    }
}
