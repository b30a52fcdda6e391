package dev.fieldsync.ports.in.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's clock as sync sees it: the estimated offset (the gateway's minus ours; negative = behind), whether
 * windows are built on it, and a warning when the offset exceeds half the overlap.
 */
public record GatewayClockStatus(Optional<Duration> offset, boolean windowsOnGatewayClock, Optional<String> warning) {
    public GatewayClockStatus {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(warning, "warning");
    }
}
