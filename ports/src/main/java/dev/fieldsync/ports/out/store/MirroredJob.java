package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job in the local mirror: the job as last synced, its fingerprint, when we first saw it and when its
 * content last changed, and a provisional state from a webhook that the next sync pass confirms or replaces.
 */
public record MirroredJob(Job job, JobFingerprint fingerprint, Instant firstSeenAt, Instant lastChangedAt,
        Optional<JobState> provisionalState, Optional<Instant> provisionalSince) {

    public MirroredJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastChangedAt, "lastChangedAt");
        Objects.requireNonNull(provisionalState, "provisionalState");
        Objects.requireNonNull(provisionalSince, "provisionalSince");
    }

    public static MirroredJob firstSeen(Job job, Instant at) {
        return new MirroredJob(job, job.fingerprint(), at, at, Optional.empty(), Optional.empty());
    }

    /** The state to show: a webhook's provisional state until a sync pass confirms, else the synced one. */
    public JobState effectiveState() {
        return provisionalState.orElse(job.state());
    }

    public boolean isProvisional() {
        return provisionalState.isPresent();
    }
}
