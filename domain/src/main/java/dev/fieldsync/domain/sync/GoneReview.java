package dev.fieldsync.domain.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * A complete sweep would have marked more of the mirror gone than the guard allows, so it marked nothing: a
 * person accepts (the jobs sweep {@code sweep} did not see are marked gone) or dismisses it; the next sweep's own
 * decision replaces it.
 */
public record GoneReview(long sweep, Instant sweepStartedAt, long candidates, long mirrored, Instant raisedAt) {
    public GoneReview {
        Objects.requireNonNull(sweepStartedAt, "sweepStartedAt");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    /** The share of the mirror it would mark gone. */
    public double share() {
        return mirrored == 0 ? 1.0 : (double) candidates / mirrored;
    }
}
