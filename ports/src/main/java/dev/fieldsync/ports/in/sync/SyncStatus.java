package dev.fieldsync.ports.in.sync;

import dev.fieldsync.domain.sync.PassProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where sync stands: the watermark, a pass in progress, how far the mirror lags the clock windows are built on,
 * the mirror's size, the last pass's outcome or error, and the gateway's clock as sync sees it.
 */
public record SyncStatus(
        Optional<Instant> lastCompletedTo,
        Optional<PassProgress> inProgress,
        Optional<Duration> lag,
        long mirroredJobs,
        Optional<SyncOutcome> lastOutcome,
        Optional<String> lastError,
        boolean catchUpRequested,
        GatewayClockStatus gatewayClock) {}
