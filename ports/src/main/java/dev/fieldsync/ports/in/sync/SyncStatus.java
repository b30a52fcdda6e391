package dev.fieldsync.ports.in.sync;

import dev.fieldsync.domain.sync.PassProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where sync stands: the watermark, a pass in progress, how far the mirror lags the clock, the mirror's
 * size, and the last pass's outcome or error.
 */
public record SyncStatus(
        Optional<Instant> lastCompletedTo,
        Optional<PassProgress> inProgress,
        Optional<Duration> lag,
        long mirroredJobs,
        Optional<SyncOutcome> lastOutcome,
        Optional<String> lastError,
        boolean catchUpRequested) {}
