package dev.fieldsync.ports.out.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The state of a rate budget: its configuration, the tokens free now, and a pause after a 429. */
public record BudgetStatus(
        int ratePerMinute,
        int burst,
        int backgroundReserve,
        long availableTokens,
        Optional<Instant> pausedUntil,
        long rateLimitedReports) {

    public BudgetStatus {
        if (ratePerMinute < 1 || burst < 1 || backgroundReserve < 0 || backgroundReserve >= burst) {
            throw new IllegalArgumentException("a budget needs rate >= 1, burst >= 1 and 0 <= reserve < burst");
        }
        Objects.requireNonNull(pausedUntil, "pausedUntil");
    }

    /** The time between two tokens. */
    public Duration refillInterval() {
        return Duration.ofNanos(60_000_000_000L / ratePerMinute);
    }

    /** How long background work needs for {@code requests} more calls at this budget's steady rate. */
    public Duration backgroundTimeFor(long requests) {
        return timeFor(Priority.BACKGROUND, requests);
    }

    /**
     * How long {@code requests} more calls at {@code priority} need at best: the tokens above its reserve now, then
     * one per refill interval (work at higher priorities makes it longer).
     */
    public Duration timeFor(Priority priority, long requests) {
        long fromBurst = Math.max(0, availableTokens - priority.reserve(backgroundReserve, burst));
        long waiting = Math.max(0, requests - fromBurst);
        return refillInterval().multipliedBy(waiting);
    }
}
