package dev.fieldsync.application;

import dev.fieldsync.domain.sync.PassProgress;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.sync.SyncStall;
import dev.fieldsync.ports.in.sync.SyncStalls;
import dev.fieldsync.ports.in.sync.SyncStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sync passes, watched for a stall ({@link StallRule}): passes that keep failing at one checkpoint, or a checkpoint
 * that stands still for several intervals while nothing completes. A busy loop looks healthy from the outside; the
 * checkpoint's position is what says whether the mirror moves.
 *
 * <p>The position is read from the shared checkpoint store, so an instance that does not lead sync sees the leader's
 * progress (or its absence) too; the "same checkpoint again" rule counts the passes this instance runs. Wrap the
 * core's {@code syncJobs()} once and run every pass through the wrapper.
 */
public final class StallWatch implements SyncJobs, SyncStalls {
    private static final System.Logger LOG = System.getLogger(StallWatch.class.getName());

    private final SyncJobs passes;
    private final Clock clock;
    private final StallRule rule;
    private final Object lock = new Object();
    private Position lastPosition;
    private Instant lastMoved;
    private Position failedAt;
    private int failuresAtPosition;
    private boolean reported;
    private boolean paused;

    public StallWatch(SyncJobs passes, Clock clock, StallRule rule) {
        this.passes = Objects.requireNonNull(passes, "passes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.lastMoved = clock.instant();
    }

    @Override
    public SyncOutcome runPass(SyncProgressListener listener) {
        SyncOutcome outcome;
        try {
            outcome = passes.runPass(listener);
        } catch (RuntimeException failure) {
            passEnded(false);
            throw failure;
        }
        passEnded(outcome.completed());
        return outcome;
    }

    @Override
    public void requestCatchUp() {
        passes.requestCatchUp();
    }

    @Override
    public Optional<SyncOutcome> runCatchUpIfRequested(SyncProgressListener listener) {
        Optional<SyncOutcome> outcome;
        try {
            outcome = passes.runCatchUpIfRequested(listener);
        } catch (RuntimeException failure) {
            passEnded(false);
            throw failure;
        }
        outcome.ifPresent(ran -> passEnded(ran.completed()));
        return outcome;
    }

    @Override
    public SyncStatus status() {
        return passes.status();
    }

    @Override
    public Optional<SyncStall> stall() {
        SyncStatus status = passes.status();
        Optional<SyncStall> stall;
        synchronized (lock) {
            observe(status);
            stall = evaluate(status);
            if (stall.isPresent() != reported) {
                reported = stall.isPresent();
                stall.ifPresentOrElse(
                        found -> LOG.log(Level.WARNING, found.message()),
                        () -> LOG.log(
                                Level.INFO,
                                "sync moves again: " + Position.of(status).describe()));
            }
        }
        return stall;
    }

    /**
     * An operator paused (true) or resumed (false) the integration: while paused sync stands still on purpose, so no
     * stall is reported, and the time without movement counts again from the resume.
     */
    public void paused(boolean value) {
        synchronized (lock) {
            if (paused && !value) {
                lastMoved = clock.instant();
                failedAt = null;
                failuresAtPosition = 0;
            }
            paused = value;
        }
    }

    private void passEnded(boolean completed) {
        SyncStatus status = passes.status();
        synchronized (lock) {
            observe(status);
            Position at = Position.of(status);
            // A pass stopped early on request (shutdown) is not a failure; one that ended with an error is.
            if (completed || status.lastError().isEmpty()) {
                failedAt = null;
                failuresAtPosition = 0;
            } else if (at.equals(failedAt)) {
                failuresAtPosition++;
            } else {
                failedAt = at;
                failuresAtPosition = 1;
            }
        }
        stall();
    }

    private void observe(SyncStatus status) {
        Position now = Position.of(status);
        if (lastPosition != null && !now.equals(lastPosition)) {
            lastMoved = clock.instant();
        }
        lastPosition = now;
    }

    private Optional<SyncStall> evaluate(SyncStatus status) {
        if (paused) {
            lastMoved = clock.instant();
            return Optional.empty();
        }
        String where = Position.of(status).describe();
        Optional<String> error = status.lastError();
        if (failuresAtPosition >= rule.repeatedEnds()) {
            return Optional.of(new SyncStall(
                    SyncStall.Reason.SAME_CHECKPOINT,
                    lastMoved,
                    where,
                    error,
                    "sync is stalled: the last " + failuresAtPosition + " passes each failed " + where + ": "
                            + error.orElse("(no error recorded)")
                            + ". Fix what the error names (the gateway, the key, the network, a setting); the next"
                            + " pass resumes at this checkpoint."));
        }
        Duration still = Duration.between(lastMoved, clock.instant());
        if (still.compareTo(rule.noProgressBound()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new SyncStall(
                SyncStall.Reason.NO_PROGRESS,
                lastMoved,
                where,
                error,
                "sync is stalled: no pass completed and the checkpoint has not moved for " + still.toSeconds()
                        + " s (more than " + rule.intervals() + " sync intervals of " + rule.passInterval()
                        + "); it stands " + where + ". "
                        + error.map(e -> "The last pass failed: " + e + ".")
                                .orElse("No pass has failed here: check that an instance leads sync (GET /api/sync"
                                        + " shows leader) and that sync is enabled.")));
    }

    /** Where sync stands: the watermark and the pass under way, without the counts that do not say "moved". */
    private record Position(Optional<Instant> lastCompletedTo, Optional<PassProgress> pass) {
        static Position of(SyncStatus status) {
            // startedAt and jobsSeen are left out: a pass restarted at the same page has not moved.
            return new Position(
                    status.lastCompletedTo(),
                    status.inProgress()
                            .map(p -> new PassProgress(p.window(), p.nextCursor(), p.pagesDone(), 0, Instant.EPOCH)));
        }

        String describe() {
            return pass.map(p -> (p.pagesDone() == 0 ? "before the first page" : "after page " + p.pagesDone())
                            + " of the pass over " + p.window())
                    .orElseGet(() -> lastCompletedTo
                            .map(to -> "after the pass that ended at " + to)
                            .orElse("before the first pass"));
        }
    }
}
