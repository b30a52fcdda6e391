package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The local mirror of an integration's jobs. */
public interface Jobs {

    /**
     * Upserts a page of jobs and saves the sync checkpoint in one transaction: either both change or
     * neither does. Idempotent: re-applying a page reports every job unchanged. Clears any provisional
     * state of the jobs on the page (the sync pass has confirmed or replaced it), and brings back jobs marked gone
     * ({@code job.returned}). A store that keeps a {@link ChangeLog} appends the page's changes in the same
     * transaction.
     */
    PageApplied applyPage(IntegrationId integration, List<Job> page, SyncCheckpoint checkpoint, Instant seenAt);

    /**
     * The arguments every {@link #applyPage} checks before it touches anything: none null, and the checkpoint
     * belonging to the integration whose page it is.
     */
    static void requirePageArguments(
            IntegrationId integration, List<Job> page, SyncCheckpoint checkpoint, Instant seenAt) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(seenAt, "seenAt");
        checkpoint.requireIntegration(integration);
    }

    /**
     * A page of the verification sweep sweep {@code state.progress().sweep()}: applied as {@link #applyPage} does
     * (its new and changed jobs logged with {@code repaired}), every job on it recorded as seen by that sweep, and
     * {@code state} saved, with the page's changed jobs added by {@link SweepState#repairedOnPage}, all in one
     * transaction.
     */
    PageApplied applySweepPage(IntegrationId integration, List<Job> page, SweepState state, Instant seenAt);

    /**
     * The mirrored jobs, not gone, that sweep {@code sweep} (or a later one) did not see and that no write has first
     * stored or changed since {@code sweepStartedAt}: what a complete sweep would mark gone.
     */
    long countUnswept(IntegrationId integration, long sweep, Instant sweepStartedAt);

    /**
     * Marks the jobs {@link #countUnswept} counts gone at {@code at}, each with a {@code job.gone} change in the
     * same transaction; returns how many.
     */
    long markGone(IntegrationId integration, long sweep, Instant sweepStartedAt, Instant at);

    /** How many mirrored jobs are marked gone. */
    long countGone(IntegrationId integration);

    /** Upserts one job outside a pass (after a successful write of ours), reporting whether it changed. */
    Optional<JobChange> upsert(IntegrationId integration, Job job, Instant seenAt);

    Optional<MirroredJob> find(IntegrationId integration, JobId job);

    JobSlice search(IntegrationId integration, JobSearch search);

    /** Every mirrored job, gone ones included. */
    long count(IntegrationId integration);

    /** Records a state announced by a webhook until the next pass; false when the job is not mirrored. */
    boolean markProvisionalState(IntegrationId integration, JobId job, JobState state, Instant at);
}
