package com.medsync.realtime.server.socket;

/**
 * A token bucket for one socket's client events: {@code rate} tokens a second, at most {@code burst} saved
 * up. Only the socket's own serial queue takes from it, so it needs no lock.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(int ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1_000_000_000.0;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    /** @return true when a token was taken, false when the bucket is empty */
    boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
