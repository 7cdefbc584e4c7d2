package com.medsync.realtime.server.socket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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

    private static final VarHandle SENT_WHILE_UNWRITABLE;
    private static final VarHandle CUT_OFF;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENT_WHILE_UNWRITABLE = lookup.findVarHandle(SlowConsumerGuard.class, "sentWhileUnwritable", int.class);
            CUT_OFF = lookup.findVarHandle(SlowConsumerGuard.class, "cutOff", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int maxQueued;
    // Fields with handles rather than an AtomicInteger and an AtomicBoolean: every delivery to the socket reads
    // them, and two more objects per socket were two more cache lines to fetch per recipient.
    private volatile int sentWhileUnwritable;
    private volatile boolean cutOff;

    SlowConsumerGuard(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /** @return whether the client was cut off */
    boolean isCutOff() {
        return cutOff;
    }

    /**
     * @param writable    whether the client's transport takes writes now
     * @param pollsBehind whether a polling client has {@link #maxQueued()} packets waiting
     */
    Verdict beforeSend(boolean writable, boolean pollsBehind) {
        if (cutOff) {
            return Verdict.DROP;
        }
        int behind = writable ? 0 : (int) SENT_WHILE_UNWRITABLE.getAndAdd(this, 1) + 1;
        if (writable && sentWhileUnwritable != 0) {
            sentWhileUnwritable = 0;
        }
        if (behind > maxQueued || pollsBehind) {
            return CUT_OFF.compareAndSet(this, false, true) ? Verdict.CUT_OFF : Verdict.DROP;
        }
        return Verdict.SEND;
    }

    int maxQueued() {
        return maxQueued;
    }
}
