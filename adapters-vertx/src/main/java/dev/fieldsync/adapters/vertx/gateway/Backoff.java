package dev.fieldsync.adapters.vertx.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a uniformly random time in
 * {@code [0, min(cap, base * 2^(n-1))]}. The gateway sends no Retry-After, so this is all we go by.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final Supplier<RandomGenerator> random;

    public Backoff(Duration base, Duration cap, Supplier<RandomGenerator> random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
        this.base = base;
        this.cap = cap;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The longest wait before retry {@code retry} (1-based). */
    public Duration ceiling(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long nanos = base.toNanos();
        long scaled = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
        return Duration.ofNanos(Math.min(scaled, cap.toNanos()));
    }

    /** A random wait in {@code [0, ceiling(retry)]}. */
    public Duration delay(int retry) {
        long ceiling = ceiling(retry).toMillis();
        RandomGenerator generator = random.get();
        long millis;
        if (generator instanceof java.util.concurrent.ThreadLocalRandom) {
            millis = generator.nextLong(ceiling + 1);
        } else {
            synchronized (generator) { // an injected generator need not be thread-safe
                millis = generator.nextLong(ceiling + 1);
            }
        }
        return Duration.ofMillis(millis);
    }
}
