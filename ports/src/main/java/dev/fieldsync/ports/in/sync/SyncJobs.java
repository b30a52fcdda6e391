package dev.fieldsync.ports.in.sync;

/** Keeps the job mirror current with passes over {@code updated_at} windows (ARCHITECTURE.md §4). */
public interface SyncJobs {

    /**
     * Runs one pass: resumes the pass in progress if there is one, else starts the next window. Stops at a
     * page boundary when the listener asks to.
     */
    SyncOutcome runPass(SyncProgressListener listener);

    /** Asks for a short catch-up pass soon (e.g. after a webhook); bursts coalesce into one pass. */
    void requestCatchUp();

    /** Runs one pass if a catch-up was requested since the last pass started; else does nothing. */
    java.util.Optional<SyncOutcome> runCatchUpIfRequested(SyncProgressListener listener);

    /** Where sync stands; spends no budget. */
    SyncStatus status();
}
