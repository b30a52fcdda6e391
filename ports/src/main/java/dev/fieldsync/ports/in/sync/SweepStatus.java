package dev.fieldsync.ports.in.sync;

import dev.fieldsync.domain.sync.GoneReview;
import dev.fieldsync.domain.sync.SweepProgress;
import dev.fieldsync.domain.sync.SweepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the verification sweep stands: whether it runs on its own and when it is due next, the sweep under way and
 * the last completed one, how many pages are left (the mirror's size by the page size, less what is done) and how
 * long they take at the sweep's priority at best, a pending gone review, the overlap the incremental passes use
 * (widened by a sweep or as configured), every missed update the sweeps repaired, jobs marked gone, and the last
 * run's error.
 */
public record SweepStatus(
        boolean scheduled,
        Optional<Instant> nextDueAt,
        Optional<SweepProgress> inProgress,
        Optional<SweepResult> lastCompleted,
        long remainingPages,
        Duration remainingTime,
        Optional<GoneReview> review,
        Duration overlap,
        boolean overlapWidened,
        long missedByIncremental,
        long goneJobs,
        Optional<String> lastError) {}
