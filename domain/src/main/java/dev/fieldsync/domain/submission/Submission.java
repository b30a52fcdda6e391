package dev.fieldsync.domain.submission;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.job.JobDraft;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job create in the durable outbox. The draft always carries an external id, so a create whose outcome
 * is unknown can be found again. {@code resent} records the single re-send allowed after a pass showed
 * that an outcome-unknown create did not happen.
 */
public record Submission(
        SubmissionId id,
        IntegrationId integration,
        JobDraft draft,
        SubmissionState state,
        int attempts,
        boolean resent,
        Instant createdAt,
        Instant updatedAt,
        Instant dueAt,
        Optional<Instant> claimedAt,
        Optional<Instant> lastAttemptAt,
        Optional<JobId> jobId,
        Optional<JobNumber> jobNumber,
        Optional<String> lastError) {

    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(draft, "draft");
        if (draft.externalId().isEmpty()) {
            throw new IllegalArgumentException("a submission's draft must carry an external id");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobNumber, "jobNumber");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** A new submission, due at once. */
    public static Submission pending(SubmissionId id, IntegrationId integration, JobDraft draft, Instant now) {
        return new Submission(id, integration, draft, SubmissionState.PENDING, 0, false, now, now, now,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public String externalId() {
        return draft.externalId().orElseThrow();
    }

    /** Claimed by a dispatcher: one more attempt is under way. */
    public Submission claimed(Instant now) {
        return new Submission(id, integration, draft, SubmissionState.SENDING, attempts + 1, resent, createdAt, now,
                dueAt, Optional.of(now), Optional.of(now), jobId, jobNumber, lastError);
    }

    public Submission created(JobId newJobId, Optional<JobNumber> number, Instant now) {
        return new Submission(id, integration, draft, SubmissionState.CREATED, attempts, resent, createdAt, now,
                dueAt, Optional.empty(), lastAttemptAt, Optional.of(newJobId), number, Optional.empty());
    }

    public Submission outcomeUnknown(String error, Instant now) {
        return new Submission(id, integration, draft, SubmissionState.OUTCOME_UNKNOWN, attempts, resent, createdAt,
                now, dueAt, Optional.empty(), lastAttemptAt, jobId, jobNumber, Optional.of(error));
    }

    public Submission failed(String error, Instant now) {
        return new Submission(id, integration, draft, SubmissionState.FAILED, attempts, resent, createdAt, now,
                dueAt, Optional.empty(), lastAttemptAt, jobId, jobNumber, Optional.of(error));
    }

    /** Back to the queue after a refusal that nothing ran (e.g. a 429), due again at {@code due}. */
    public Submission retryAt(Instant due, String error, Instant now) {
        return new Submission(id, integration, draft, SubmissionState.PENDING, attempts, resent, createdAt, now,
                due, Optional.empty(), lastAttemptAt, jobId, jobNumber, Optional.of(error));
    }

    /** The one re-send after a completed pass showed the outcome-unknown create did not happen. */
    public Submission resend(Instant now) {
        if (resent) {
            throw new IllegalStateException("submission " + id + " was already re-sent once");
        }
        if (state != SubmissionState.OUTCOME_UNKNOWN) {
            throw new IllegalStateException("submission " + id + " is " + state
                    + "; only an outcome-unknown create may be re-sent");
        }
        return new Submission(id, integration, draft, SubmissionState.PENDING, attempts, true, createdAt, now, now,
                Optional.empty(), lastAttemptAt, jobId, jobNumber, lastError);
    }
}
