package dev.fieldsync.domain.mirror;

import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job in the local mirror: the job as last synced, its fingerprint, when we first saw it and when its
 * content last changed, a provisional state from a webhook that the next sync pass confirms or replaces, and
 * {@code firstListedBefore}: the end of the window of the pass that first listed it (its updated_at, so its
 * creation, lay before that instant; for a job first seen outside a pass, when it was seen), and {@code goneAt}:
 * when a complete verification sweep found it no longer listed (it left the key's scope).
 */
public record MirroredJob(
        Job job,
        JobFingerprint fingerprint,
        Instant firstSeenAt,
        Instant lastChangedAt,
        Optional<JobState> provisionalState,
        Optional<Instant> provisionalSince,
        Instant firstListedBefore,
        Optional<Instant> goneAt) {

    public MirroredJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastChangedAt, "lastChangedAt");
        Objects.requireNonNull(provisionalState, "provisionalState");
        Objects.requireNonNull(provisionalSince, "provisionalSince");
        Objects.requireNonNull(firstListedBefore, "firstListedBefore");
        Objects.requireNonNull(goneAt, "goneAt");
    }

    /** A job that is not gone. */
    public MirroredJob(
            Job job,
            JobFingerprint fingerprint,
            Instant firstSeenAt,
            Instant lastChangedAt,
            Optional<JobState> provisionalState,
            Optional<Instant> provisionalSince,
            Instant firstListedBefore) {
        this(
                job,
                fingerprint,
                firstSeenAt,
                lastChangedAt,
                provisionalState,
                provisionalSince,
                firstListedBefore,
                Optional.empty());
    }

    /** First seen at {@code at}, listed by a window ending at {@code listedBefore} (≤ {@code at}). */
    public static MirroredJob firstSeen(Job job, Instant at, Instant listedBefore) {
        return firstSeen(job, job.fingerprint(), at, listedBefore);
    }

    /** {@link #firstSeen(Job, Instant, Instant)} with the job's fingerprint computed already. */
    public static MirroredJob firstSeen(Job job, JobFingerprint fingerprint, Instant at, Instant listedBefore) {
        return new MirroredJob(
                job,
                fingerprint,
                at,
                at,
                Optional.empty(),
                Optional.empty(),
                listedBefore.isBefore(at) ? listedBefore : at);
    }

    /** A copy with another provisional state (and everything else kept). */
    public MirroredJob withProvisional(Optional<JobState> state, Optional<Instant> since) {
        return new MirroredJob(job, fingerprint, firstSeenAt, lastChangedAt, state, since, firstListedBefore, goneAt);
    }

    /** A copy marked gone at {@code at}, or (empty) back again. */
    public MirroredJob withGoneAt(Optional<Instant> at) {
        return new MirroredJob(
                job,
                fingerprint,
                firstSeenAt,
                lastChangedAt,
                provisionalState,
                provisionalSince,
                firstListedBefore,
                at);
    }

    public boolean isGone() {
        return goneAt.isPresent();
    }

    /** A copy whose job content changed at {@code at}. */
    public MirroredJob changed(Job newJob, Instant at, Optional<JobState> state, Optional<Instant> since) {
        return changed(newJob, newJob.fingerprint(), at, state, since);
    }

    /** {@link #changed(Job, Instant, Optional, Optional)} with the new job's fingerprint computed already. */
    public MirroredJob changed(
            Job newJob, JobFingerprint newFingerprint, Instant at, Optional<JobState> state, Optional<Instant> since) {
        return new MirroredJob(newJob, newFingerprint, firstSeenAt, at, state, since, firstListedBefore, goneAt);
    }

    /** The state to show: a webhook's provisional state until a sync pass confirms, else the synced one. */
    public JobState effectiveState() {
        return provisionalState.orElse(job.state());
    }

    public boolean isProvisional() {
        return provisionalState.isPresent();
    }
}
