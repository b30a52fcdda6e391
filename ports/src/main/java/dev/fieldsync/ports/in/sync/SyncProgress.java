package dev.fieldsync.ports.in.sync;

import dev.fieldsync.domain.sync.SyncWindow;
import java.time.Duration;
import java.util.Optional;

/** Progress of a running pass after a page: counts so far and, when one can be made, an estimate. */
public record SyncProgress(
        SyncWindow window,
        int pages,
        long jobs,
        long newJobs,
        long changedJobs,
        Optional<Long> estimatedRemainingPages,
        Optional<Duration> estimatedRemaining) {}
