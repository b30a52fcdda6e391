package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.in.sync.SyncProgress;
import java.time.Instant;
import java.util.Optional;

/** One integration's background work in this process, as the API sees it: "sync now", nudges and what runs. */
public interface IntegrationWork {

    /** Runs a pass soon when this instance leads the integration's sync (coalesced); says what it did. */
    PassRequest syncNow();

    /** A submission was stored: send it now instead of at the next tick. */
    void nudgeDispatch();

    /** A webhook event was stored: process it now. */
    void nudgeWebhooks();

    /** Whether this instance leads the integration's sync now. */
    boolean isLeader();

    boolean isSyncRunning();

    /** The last page's progress of the running or last pass on this instance. */
    Optional<SyncProgress> lastProgress();

    /** When the last pass on this instance started, if one did. */
    Optional<Instant> lastPassStartedAt();

    /** Starts a sweep now (or resumes the one in progress) when this instance leads the integration's sync. */
    SweepLoop.SweepRequest sweepNow();

    /** Whether a sweep of the integration runs on this instance now. */
    boolean isSweepRunning();
}
