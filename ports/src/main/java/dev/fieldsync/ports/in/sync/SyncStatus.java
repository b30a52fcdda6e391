package dev.fieldsync.ports.in.sync;

import dev.fieldsync.domain.sync.PassProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where sync stands: the watermark, a pass in progress, how far the mirror lags the clock windows are built on,
 * the mirror's size, the last pass's outcome or error, the gateway's clock as sync sees it, and what the
 * verification sweeps found: updates the passes missed, the overlap they widened, a pending gone review.
 */
public record SyncStatus(
        Optional<Instant> lastCompletedTo,
        Optional<PassProgress> inProgress,
        Optional<Duration> lag,
        long mirroredJobs,
        Optional<SyncOutcome> lastOutcome,
        Optional<String> lastError,
        boolean catchUpRequested,
        GatewayClockStatus gatewayClock,
        long missedByIncremental,
        Optional<Duration> widenedOverlap,
        boolean goneReviewPending) {

    /** A status with nothing from a sweep. */
    public SyncStatus(
            Optional<Instant> lastCompletedTo,
            Optional<PassProgress> inProgress,
            Optional<Duration> lag,
            long mirroredJobs,
            Optional<SyncOutcome> lastOutcome,
            Optional<String> lastError,
            boolean catchUpRequested,
            GatewayClockStatus gatewayClock) {
        this(
                lastCompletedTo,
                inProgress,
                lag,
                mirroredJobs,
                lastOutcome,
                lastError,
                catchUpRequested,
                gatewayClock,
                0,
                Optional.empty(),
                false);
    }
}
