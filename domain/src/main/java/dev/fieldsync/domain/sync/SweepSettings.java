package dev.fieldsync.domain.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * The verification sweep's tunables (docs/architecture.md, "The verification sweep"): whether it runs on its own,
 * how often, the largest share of the mirror one sweep may mark gone before it asks a person instead, and whether a
 * sweep that repaired missed updates widens the incremental overlap (doubling it, at most to {@code overlapCap}).
 */
public record SweepSettings(
        boolean enabled, Duration interval, double goneGuardShare, boolean adaptiveOverlap, Duration overlapCap) {

    /** Weekly, guard 10 %, adaptive overlap on up to 10 minutes. */
    public static final SweepSettings DEFAULTS =
            new SweepSettings(true, Duration.ofDays(7), 0.10, true, Duration.ofMinutes(10));

    public SweepSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(overlapCap, "overlapCap");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("fieldsync.sweep.interval must be positive, got " + interval);
        }
        if (!(goneGuardShare >= 0 && goneGuardShare <= 1)) {
            throw new IllegalArgumentException(
                    "fieldsync.sweep.gone-guard-share must be between 0 and 1, got " + goneGuardShare);
        }
        if (overlapCap.isNegative()) {
            throw new IllegalArgumentException("fieldsync.sweep.overlap-cap must not be negative, got " + overlapCap);
        }
    }

    /** Whether marking {@code candidates} of {@code mirrored} jobs gone is more than the guard allows. */
    public boolean guardTrips(long candidates, long mirrored) {
        return candidates > 0 && candidates > goneGuardShare * mirrored;
    }

    /** The overlap after a sweep that repaired misses: doubled, within the cap, never narrower than {@code current}. */
    public Duration widened(Duration current) {
        Duration doubled = current.isZero() ? Duration.ofSeconds(30) : current.multipliedBy(2);
        Duration capped = doubled.compareTo(overlapCap) > 0 ? overlapCap : doubled;
        return capped.compareTo(current) > 0 ? capped : current;
    }
}
