package dev.fieldsync.domain.sync;

import java.time.Instant;
import java.util.Objects;

/** A completed sweep: when it ran, the jobs it saw, how many it repaired, found new, and marked gone. */
public record SweepResult(
        long sweep, Instant startedAt, Instant completedAt, long jobsSeen, long repaired, long markedGone) {
    public SweepResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
