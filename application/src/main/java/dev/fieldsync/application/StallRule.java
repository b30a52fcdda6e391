package dev.fieldsync.application;

import java.time.Duration;
import java.util.Objects;

/**
 * When sync counts as stalled: no pass completed and the checkpoint unmoved for {@code intervals} sync
 * intervals, or {@code repeatedEnds} passes in a row ended early at the same checkpoint.
 *
 * @param passInterval how often passes are meant to start (the service's {@code fieldsync.sync.interval})
 * @param intervals    how many intervals without any movement make a stall
 * @param repeatedEnds how many early ends in a row at one checkpoint make a stall
 */
public record StallRule(Duration passInterval, int intervals, int repeatedEnds) {

    public StallRule {
        Objects.requireNonNull(passInterval, "passInterval");
        if (passInterval.isZero() || passInterval.isNegative()) {
            throw new IllegalArgumentException("passInterval must be positive, got " + passInterval);
        }
        if (intervals < 1) {
            throw new IllegalArgumentException("intervals must be at least 1, got " + intervals);
        }
        if (repeatedEnds < 2) {
            throw new IllegalArgumentException("repeatedEnds must be at least 2, got " + repeatedEnds);
        }
    }

    /** Passes every 5 minutes; a stall after 3 intervals without movement or 3 early ends at one checkpoint. */
    public static StallRule defaults() {
        return new StallRule(Duration.ofMinutes(5), 3, 3);
    }

    /** How long the checkpoint may stand still before that alone is a stall. */
    public Duration noProgressBound() {
        return passInterval.multipliedBy(intervals);
    }
}
