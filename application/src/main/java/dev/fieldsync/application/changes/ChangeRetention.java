package dev.fieldsync.application.changes;

import dev.fieldsync.ports.out.store.ChangeLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Keeps the change log to its retention: {@link #prune} deletes every change older than {@code retention}. */
public final class ChangeRetention {
    private final ChangeLog log;
    private final Duration retention;
    private final Clock clock;

    public ChangeRetention(ChangeLog log, Duration retention, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    /** Deletes the changes that occurred more than the retention before now; returns how many. */
    public long prune() {
        return log.prune(clock.instant().minus(retention));
    }

    public Duration retention() {
        return retention;
    }
}
