package dev.fieldsync.sandbox.ratelimit;

import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's two buckets: one per key (40/min, burst 40) and the upstream ceiling shared by all keys
 * (60/min, burst 60). A request takes a token from both or from neither, so a 429 consumes nothing.
 */
public final class RateLimiter {
    public static final int CLIENT_PER_MINUTE = 40;
    public static final int UPSTREAM_PER_MINUTE = 60;

    private final TimeSource time;
    private final Map<String, TokenBucket> perKey = new HashMap<>();
    private TokenBucket upstream;

    public RateLimiter(TimeSource time) {
        this.time = time;
        this.upstream = new TokenBucket(UPSTREAM_PER_MINUTE, UPSTREAM_PER_MINUTE, time.nanos());
    }

    public long now() {
        return time.nanos();
    }

    /**
     * Takes a token from both buckets if both have one and returns 0; otherwise takes nothing and returns
     * the (scaled) nanoseconds until both could have one.
     */
    public synchronized long tryAcquire(String key) {
        long now = time.nanos();
        TokenBucket client =
                perKey.computeIfAbsent(key, k -> new TokenBucket(CLIENT_PER_MINUTE, CLIENT_PER_MINUTE, now));
        boolean a = client.available(now);
        boolean b = upstream.available(now);
        if (a && b) {
            client.take();
            upstream.take();
            return 0;
        }
        return Math.max(1, Math.max(client.nanosUntilToken(now), upstream.nanosUntilToken(now)));
    }

    public synchronized void reset() {
        perKey.clear();
        upstream = new TokenBucket(UPSTREAM_PER_MINUTE, UPSTREAM_PER_MINUTE, time.nanos());
    }
}
