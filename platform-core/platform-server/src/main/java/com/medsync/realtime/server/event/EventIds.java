package com.medsync.realtime.server.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for events that came without one: random version-4 UUIDs from the thread's own generator.
 * {@link UUID#randomUUID()} draws from the shared SecureRandom behind a lock on every publish, and an event id
 * is no secret (the publisher is told it; idempotency uses the publisher's own keys), so unpredictability buys
 * nothing here.
 */
public final class EventIds {

    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    private EventIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~VERSION_MASK) | VERSION_4;
        long low = (random.nextLong() & ~VARIANT_MASK) | VARIANT_IETF;
        return new UUID(high, low).toString();
    }
}
