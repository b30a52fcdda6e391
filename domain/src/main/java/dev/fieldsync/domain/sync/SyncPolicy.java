package dev.fieldsync.domain.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The watermark arithmetic of ARCHITECTURE.md §4. The job list carries no {@code updated_at}, so the
 * watermark is the last completed pass's {@code to}; each pass starts {@code overlap} before it (covering
 * what is left of the clock skew between us and the gateway, and changes that show later than their stamp) and
 * ends at the clock's "now" when the pass starts: the gateway's clock when {@code onGatewayClock} (the default),
 * else ours.
 */
public record SyncPolicy(Duration overlap, Duration firstPassHorizon, boolean onGatewayClock) {
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(2);
    public static final Duration DEFAULT_FIRST_PASS_HORIZON = Duration.ofDays(365);

    public SyncPolicy {
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(firstPassHorizon, "firstPassHorizon");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("sync overlap must not be negative, got " + overlap);
        }
        if (firstPassHorizon.isNegative()) {
            throw new IllegalArgumentException("first-pass horizon must not be negative, got " + firstPassHorizon);
        }
    }

    /** Windows on the gateway's clock. */
    public SyncPolicy(Duration overlap, Duration firstPassHorizon) {
        this(overlap, firstPassHorizon, true);
    }

    public static SyncPolicy defaults() {
        return new SyncPolicy(DEFAULT_OVERLAP, DEFAULT_FIRST_PASS_HORIZON);
    }

    /** Whether a clock offset (either way) exceeds half the overlap: then it eats most of what the overlap covers. */
    public boolean skewTooLarge(Duration offset) {
        return offset.abs().compareTo(overlap.dividedBy(2)) > 0;
    }

    /**
     * The window of the next pass. With no completed pass it reaches back {@code firstPassHorizon}. If the
     * clock went backwards past the watermark, the window ends at the watermark instead, so it never
     * inverts and never leaves a gap. Times are cut to milliseconds, the precision we send.
     */
    public SyncWindow nextWindow(Optional<Instant> lastCompletedTo, Instant now) {
        Instant clock = now.truncatedTo(ChronoUnit.MILLIS);
        if (lastCompletedTo.isEmpty()) {
            return new SyncWindow(clock.minus(firstPassHorizon), clock);
        }
        Instant watermark = lastCompletedTo.get();
        Instant to = clock.isBefore(watermark) ? watermark : clock;
        return new SyncWindow(watermark.minus(overlap), to);
    }
}
