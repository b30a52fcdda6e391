package dev.fieldsync.app.rest;

import dev.fieldsync.domain.sync.GoneReview;
import dev.fieldsync.domain.sync.SweepProgress;
import dev.fieldsync.domain.sync.SweepResult;
import dev.fieldsync.ports.in.sync.SweepStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * {@code GET /api/sweep}: whether sweeps run on their own and when the next is due, the sweep under way and the
 * last one, the pages left and how long they take at the sweep's priority at best, a pending gone review, the
 * overlap the incremental passes use, missed updates repaired, jobs marked gone, the last error; and whether this
 * instance leads (only the leader sweeps) and runs one now.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record SweepView(
        boolean scheduled,
        @Nullable Instant nextDueAt,
        boolean leader,
        boolean running,
        @Nullable @Schema(type = "object", nullable = true) Run inProgress,
        @Nullable @Schema(type = "object", nullable = true) Done lastCompleted,
        long remainingPages,
        long remainingSeconds,
        @Nullable @Schema(type = "object", nullable = true) Review review,
        long overlapSeconds,
        boolean overlapWidened,
        long missedByIncremental,
        long goneJobs,
        @Nullable String lastError) {

    /** The sweep under way. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Run(long sweep, Instant startedAt, int pagesDone, long jobsSeen, long repaired) {
        static Run of(SweepProgress p) {
            return new Run(p.sweep(), p.startedAt(), p.pagesDone(), p.jobsSeen(), p.repaired());
        }
    }

    /** The last completed sweep. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Done(
            long sweep, Instant startedAt, Instant completedAt, long jobsSeen, long repaired, long markedGone) {
        static Done of(SweepResult r) {
            return new Done(r.sweep(), r.startedAt(), r.completedAt(), r.jobsSeen(), r.repaired(), r.markedGone());
        }
    }

    /** A pending gone review: what it would mark, of how many, and what to do. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Review(long sweep, long candidates, long mirrored, double share, Instant raisedAt, String action) {
        static Review of(GoneReview r) {
            return new Review(
                    r.sweep(),
                    r.candidates(),
                    r.mirrored(),
                    r.share(),
                    r.raisedAt(),
                    "check the key's scope, then POST /api/sweep/review/accept to mark them gone or "
                            + "POST /api/sweep/review/dismiss to keep them");
        }
    }

    public static SweepView of(SweepStatus s, boolean leader, boolean running) {
        return new SweepView(
                s.scheduled(),
                s.nextDueAt().orElse(null),
                leader,
                running,
                s.inProgress().map(Run::of).orElse(null),
                s.lastCompleted().map(Done::of).orElse(null),
                s.remainingPages(),
                s.remainingTime().toSeconds(),
                s.review().map(Review::of).orElse(null),
                s.overlap().toSeconds(),
                s.overlapWidened(),
                s.missedByIncremental(),
                s.goneJobs(),
                s.lastError().orElse(null));
    }

    /** What an accepted or dismissed review did. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ReviewDone(String message, long markedGone) {}
}
