package dev.fieldsync.adapters.persistence.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * How a rate budget behaves: {@code ratePerMinute} tokens a minute refilled continuously, at most {@code burst}
 * saved up, {@code backgroundReserve} tokens that background work leaves for interactive calls, and the
 * {@code penalty} every holder pauses for after a 429.
 */
public record BudgetSettings(int ratePerMinute, int burst, int backgroundReserve, Duration penalty) {

    /** 38/min, burst 38, reserve 4, one minute's pause after a 429 (ARCHITECTURE.md §2). */
    public static final BudgetSettings DEFAULTS = new BudgetSettings(38, 38, 4, Duration.ofMinutes(1));

    public BudgetSettings {
        if (ratePerMinute < 1) {
            throw new IllegalArgumentException(
                    "fieldsync.budget.rate-per-minute must be at least 1 request a minute, got " + ratePerMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("fieldsync.budget.burst must be at least 1, got " + burst);
        }
        if (backgroundReserve < 0 || backgroundReserve >= burst) {
            throw new IllegalArgumentException(
                    "fieldsync.budget.background-reserve must be 0 or more and below the burst (" + burst + "), got "
                            + backgroundReserve);
        }
        Objects.requireNonNull(penalty, "penalty");
        if (penalty.isNegative()) {
            throw new IllegalArgumentException(
                    "fieldsync.budget.pause-after-rate-limited must not be negative, got " + penalty);
        }
    }

    /** The time between two tokens. */
    public Duration refillInterval() {
        return Duration.ofNanos(60_000_000_000L / ratePerMinute);
    }

    /** The penalty as tokens of debt: the bucket refills them before anyone is served again. */
    long penaltyTokens() {
        long interval = refillInterval().toNanos();
        return (penalty.toNanos() + interval - 1) / interval;
    }
}
