package dev.fieldsync.adapters.vertx.gateway;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

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
 * @param cursorParameter  the name of the list's cursor request parameter (GATEWAY-API.md §9: {@code cursor})
 */
public record VertxGatewayOptions(
        Duration attemptTimeout,
        Duration deadline,
        int maxAttempts,
        long maxResponseBytes,
        int maxConnections,
        Duration backoffBase,
        Duration backoffCap,
        String cursorParameter) {

    /** The name GATEWAY-API.md §9 decided on. */
    public static final String DEFAULT_CURSOR_PARAMETER = "cursor";

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");
    private static final Set<String> FILTERS = Set.of(
            "state",
            "status",
            "updated_at_from",
            "updated_at_to",
            "start_time_from",
            "start_time_to",
            "number",
            "page_size");

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
        if (!isCursorParameterName(cursorParameter)) {
            throw new IllegalArgumentException("cursorParameter must be 1-64 characters of A-Z a-z 0-9 _ . - [ ] "
                    + "and not a filter's name (e.g. cursor, page_token), got " + cursorParameter);
        }
    }

    /** 10 s per attempt, 60 s per call, 10 attempts, 16 MiB, 8 connections, backoff 1 s up to 20 s, {@code cursor}. */
    public static VertxGatewayOptions defaults() {
        return new VertxGatewayOptions(
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                10,
                16L * 1024 * 1024,
                8,
                Duration.ofSeconds(1),
                Duration.ofSeconds(20),
                DEFAULT_CURSOR_PARAMETER);
    }

    /** 1-64 characters of A-Z a-z 0-9 _ . - [ ], and not the name of one of the list's filters. */
    public static boolean isCursorParameterName(String name) {
        return name != null && PARAMETER_NAME.matcher(name).matches() && !FILTERS.contains(name);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + duration);
        }
    }
}
