package dev.fieldsync.ports.in.sync;

import java.util.Optional;

/**
 * The verification sweep (docs/architecture.md, "The verification sweep"): a checkpointed walk of every job the
 * key can see, on the lowest budget priority, that marks unseen jobs gone after a complete sweep (with a guard
 * against mass removal) and repairs and counts the updates the incremental passes missed.
 */
public interface SweepJobs {

    /**
     * Runs the sweep in progress to its end, or starts the next one. Stops at a page boundary when the listener
     * asks to (the sweep resumes there next time); a failure ends the run the same way, with the error in
     * {@link #status()}.
     */
    SweepOutcome runSweep(SyncProgressListener listener);

    /**
     * Whether a sweep is due: one is in progress (resume it), or a sync pass has completed and the last sweep started
     * longer than the interval ago (or none has run yet).
     */
    boolean isDue();

    /** Where the sweep stands and how long the rest will take; spends no budget. */
    SweepStatus status();

    /** Marks gone what the sweep that raised the pending review did not see; empty when none is pending. */
    Optional<Long> acceptReview();

    /** Drops the pending review, marking nothing; false when none is pending. */
    boolean dismissReview();
}
