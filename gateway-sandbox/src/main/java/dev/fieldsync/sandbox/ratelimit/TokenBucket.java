package dev.fieldsync.sandbox.ratelimit;

/** A continuously refilling token bucket on (scaled) nanoseconds. Not thread-safe: guard externally. */
public final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last;

    public TokenBucket(int capacity, int perMinute, long nowNanos) {
        this.capacity = capacity;
        this.tokensPerNano = perMinute / 60e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
            last = now;
        }
    }

    public boolean available(long now) {
        refill(now);
        return tokens >= 1.0;
    }

    public void take() {
        tokens -= 1.0;
    }

    /** Nanoseconds until one whole token is there (0 when one is there now). */
    public long nanosUntilToken(long now) {
        refill(now);
        if (tokens >= 1.0) {
            return 0;
        }
        return (long) Math.ceil((1.0 - tokens) / tokensPerNano);
    }

    public double tokens(long now) {
        refill(now);
        return tokens;
    }
}
