package com.medsync.realtime.server.lease;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where leases live: in memory on a single node ({@link MemoryLeaseStore}), in Redis in a cluster. A lease is held
 * by one holder with one fencing token until it expires or its holder releases it. Every method may throw when the
 * store cannot be reached; the caller then treats the lease as lost.
 */
public interface LeaseStore {

    /**
     * Takes the lease when nobody holds it.
     *
     * @return the new fencing token (greater than any this lease had before), or empty when it is held
     */
    OptionalLong acquire(String lease, String holder, Duration ttl);

    /** @return true when {@code holder} still held the lease with {@code token}, which now lasts {@code ttl} again */
    boolean renew(String lease, String holder, long token, Duration ttl);

    /** Ends the lease at once when {@code holder} still holds it with {@code token}; otherwise leaves it alone. */
    void release(String lease, String holder, long token);
}
