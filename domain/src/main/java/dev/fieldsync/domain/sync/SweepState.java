package dev.fieldsync.domain.sync;

import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an integration's verification sweep stands, durably (the sweep's own checkpoint row): the number of the
 * latest sweep (0: none yet), the one under way, the last completed one, a pending gone review, the incremental
 * overlap a sweep widened, and every update the sweeps found the incremental passes had missed.
 */
public record SweepState(
        IntegrationId integration,
        long lastSweep,
        Optional<SweepProgress> inProgress,
        Optional<SweepResult> lastCompleted,
        Optional<GoneReview> review,
        Optional<Duration> widenedOverlap,
        long missedByIncremental) {

    public SweepState {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(inProgress, "inProgress");
        Objects.requireNonNull(lastCompleted, "lastCompleted");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(widenedOverlap, "widenedOverlap");
        if (lastSweep < 0 || missedByIncremental < 0) {
            throw new IllegalArgumentException("sweep numbers and counts are not negative");
        }
    }

    public static SweepState initial(IntegrationId integration) {
        return new SweepState(
                integration, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /** A new sweep, numbered one past the last. */
    public SweepState start(Instant now) {
        long next = lastSweep + 1;
        return with(next, Optional.of(new SweepProgress(next, Optional.empty(), 0, 0, 0, now)), lastCompleted, review);
    }

    /** The gateway refused the stored cursor: the same sweep again from its first page (its start time kept). */
    public SweepState restart() {
        SweepProgress p = progress();
        return with(
                lastSweep,
                Optional.of(new SweepProgress(p.sweep(), Optional.empty(), 0, 0, p.repaired(), p.startedAt())),
                lastCompleted,
                review);
    }

    /** After a page of {@code jobs} jobs that pointed at {@code cursor} (empty: it was the last). */
    public SweepState afterPage(Optional<String> cursor, int jobs) {
        SweepProgress p = progress();
        return with(
                lastSweep,
                Optional.of(new SweepProgress(
                        p.sweep(), cursor, p.pagesDone() + 1, p.jobsSeen() + jobs, p.repaired(), p.startedAt())),
                lastCompleted,
                review);
    }

    /** The page just applied repaired {@code repaired} jobs the incremental passes had missed. */
    public SweepState repairedOnPage(long repaired) {
        if (repaired == 0) {
            return this;
        }
        SweepProgress p = progress();
        return new SweepState(
                integration,
                lastSweep,
                Optional.of(new SweepProgress(
                        p.sweep(),
                        p.nextCursor(),
                        p.pagesDone(),
                        p.jobsSeen(),
                        p.repaired() + repaired,
                        p.startedAt())),
                lastCompleted,
                review,
                widenedOverlap,
                missedByIncremental + repaired);
    }

    /** The sweep completed: its result, the review it raised (or none: it replaces any earlier one). */
    public SweepState complete(Instant now, long markedGone, Optional<GoneReview> raised) {
        SweepProgress p = progress();
        SweepResult result = new SweepResult(p.sweep(), p.startedAt(), now, p.jobsSeen(), p.repaired(), markedGone);
        return with(lastSweep, Optional.empty(), Optional.of(result), raised);
    }

    public SweepState withoutReview() {
        return with(lastSweep, inProgress, lastCompleted, Optional.empty());
    }

    public SweepState withWidenedOverlap(Duration overlap) {
        return new SweepState(
                integration, lastSweep, inProgress, lastCompleted, review, Optional.of(overlap), missedByIncremental);
    }

    /** {@code configured} with the overlap a sweep widened, where that is wider. */
    public SyncPolicy applyTo(SyncPolicy configured) {
        return widenedOverlap
                .filter(overlap -> overlap.compareTo(configured.overlap()) > 0)
                .map(overlap -> new SyncPolicy(overlap, configured.firstPassHorizon(), configured.onGatewayClock()))
                .orElse(configured);
    }

    /** The sweep under way; throws when there is none. */
    public SweepProgress progress() {
        return inProgress.orElseThrow(() -> new IllegalStateException("no sweep in progress"));
    }

    private SweepState with(
            long sweep, Optional<SweepProgress> progress, Optional<SweepResult> last, Optional<GoneReview> pending) {
        return new SweepState(integration, sweep, progress, last, pending, widenedOverlap, missedByIncremental);
    }
}
