package dev.fieldsync.adapters.vertx.gateway;

import java.time.Duration;

/**
 * The tunables of a {@link VertxGateway}, checked when built; {@link #defaults()} gives ARCHITECTURE.md §3's values.
 *
 * @param attemptTimeout   per attempt; must exceed the gateway's 2 s hold of rate-limited requests
 * @param deadline         for a whole call, retries and backoff included, budget waits excluded
 * @param maxAttempts      upper bound on attempts per call; the deadline usually ends retries first
 * @param maxResponseBytes largest response body accepted, after decompression
 * @param maxConnections   size of the keep-alive connection pool
 * @param backoffBase      first backoff ceiling (full jitter below it), doubling per retry
 * @param backoffCap       largest backoff ceiling
 */
public record VertxGatewayOptions(
        Duration attemptTimeout,
        Duration deadline,
        int maxAttempts,
        long maxResponseBytes,
        int maxConnections,
        Duration backoffBase,
        Duration backoffCap) {

    public VertxGatewayOptions {
        requirePositive(attemptTimeout, "attemptTimeout");
        requirePositive(deadline, "deadline");
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffCap, "backoffCap");
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException(
                    "backoffCap must not be below backoffBase, got " + backoffCap + " < " + backoffBase);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + maxResponseBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    /** 10 s per attempt, 60 s per call, 10 attempts, 16 MiB, 8 connections, backoff 1 s up to 20 s. */
    public static VertxGatewayOptions defaults() {
        return new VertxGatewayOptions(
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                10,
                16L * 1024 * 1024,
                8,
                Duration.ofSeconds(1),
                Duration.ofSeconds(20));
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + duration);
        }
    }
}
