package dev.fieldsync.domain.submission;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.job.JobDraft;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job create in the durable outbox. The draft always carries an external id, so a create whose outcome
 * is unknown can be found again. {@code resent} records the single re-send allowed after a pass showed
 * that an outcome-unknown create did not happen; {@code uncertainSince} is the start of the first attempt
 * whose outcome is unknown (any job it created was first seen at or after it); {@code candidates} are the
 * jobs a person must choose from in {@link SubmissionState#NEEDS_REVIEW}; {@code history} records every
 * settling step and operator action (the last {@value #HISTORY_LIMIT}); {@code firstCoveredBy} is the end of the
 * window of the first completed pass that covered the current attempt (decisions from candidates wait for a
 * second, later one).
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
        Optional<String> lastError,
        Optional<Instant> uncertainSince,
        List<JobId> candidates,
        List<SubmissionEvent> history,
        Optional<Instant> firstCoveredBy) {

    public static final int HISTORY_LIMIT = 50;

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
        Objects.requireNonNull(uncertainSince, "uncertainSince");
        Objects.requireNonNull(firstCoveredBy, "firstCoveredBy");
        candidates = List.copyOf(candidates);
        history = List.copyOf(
                history.size() > HISTORY_LIMIT
                        ? history.subList(history.size() - HISTORY_LIMIT, history.size())
                        : history);
    }

    /** A new submission, due at once. */
    public static Submission pending(SubmissionId id, IntegrationId integration, JobDraft draft, Instant now) {
        return new Submission(
                id,
                integration,
                draft,
                SubmissionState.PENDING,
                0,
                false,
                now,
                now,
                now,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty());
    }

    public String externalId() {
        return draft.externalId().orElseThrow();
    }

    /** The line fieldsync adds to the notes it sends, by which a lost answer is found again. */
    public SubmissionReference reference() {
        return SubmissionReference.of(externalId());
    }

    /** Claimed by a dispatcher: one more attempt is under way. */
    public Submission claimed(Instant now) {
        return change(now)
                .state(SubmissionState.SENDING)
                .attempts(attempts + 1)
                .claimedAt(Optional.of(now))
                .lastAttemptAt(Optional.of(now))
                .firstCoveredBy(Optional.empty())
                .build();
    }

    /** The gateway answered the create with the job's id. */
    public Submission created(JobId newJobId, Optional<JobNumber> number, Instant now) {
        return change(now)
                .settled(SubmissionState.CREATED, newJobId, number)
                .event(SubmissionEvent.Kind.CREATED, Optional.empty(), "the gateway created job " + newJobId)
                .build();
    }

    /** Reconciliation found the job this create became; {@code how} says by what. */
    public Submission reconciled(JobId job, Optional<JobNumber> number, String how, Instant now) {
        return change(now)
                .settled(SubmissionState.CREATED, job, number)
                .event(SubmissionEvent.Kind.RECONCILED, Optional.empty(), how)
                .build();
    }

    public Submission outcomeUnknown(String error, Instant now) {
        return change(now)
                .state(SubmissionState.OUTCOME_UNKNOWN)
                .claimedAt(Optional.empty())
                .lastError(Optional.of(error))
                .uncertainSince(uncertainSince.or(() -> lastAttemptAt).or(() -> Optional.of(now)))
                .event(SubmissionEvent.Kind.OUTCOME_UNKNOWN, Optional.empty(), error)
                .build();
    }

    /** Candidates but no proof: a person decides among {@code jobs}. */
    public Submission needsReview(List<JobId> jobs, String reason, Instant now) {
        return change(now)
                .state(SubmissionState.NEEDS_REVIEW)
                .claimedAt(Optional.empty())
                .lastError(Optional.of(reason))
                .candidates(jobs)
                .event(SubmissionEvent.Kind.NEEDS_REVIEW, Optional.empty(), reason)
                .build();
    }

    public Submission failed(String error, Instant now) {
        return change(now)
                .state(SubmissionState.FAILED)
                .claimedAt(Optional.empty())
                .lastError(Optional.of(error))
                .candidates(List.of())
                .event(SubmissionEvent.Kind.FAILED, Optional.empty(), error)
                .build();
    }

    /** A first pass covering the attempt completed over a window ending at {@code windowEnd}; one more must. */
    public Submission coveredOnce(Instant windowEnd, Instant now) {
        return change(now)
                .firstCoveredBy(Optional.of(windowEnd))
                .keepUpdatedAt()
                .build();
    }

    /** Back to the queue after a refusal that nothing ran (e.g. a 429), due again at {@code due}. */
    public Submission retryAt(Instant due, String error, Instant now) {
        return change(now)
                .state(SubmissionState.PENDING)
                .dueAt(due)
                .claimedAt(Optional.empty())
                .lastError(Optional.of(error))
                .build();
    }

    /** The one re-send after a completed pass showed the outcome-unknown create did not happen. */
    public Submission resend(Instant now) {
        if (resent) {
            throw new IllegalStateException("submission " + id + " was already re-sent once");
        }
        if (state != SubmissionState.OUTCOME_UNKNOWN) {
            throw new IllegalStateException(
                    "submission " + id + " is " + state + "; only an outcome-unknown create may be re-sent");
        }
        return change(now)
                .state(SubmissionState.PENDING)
                .resent(true)
                .dueAt(now)
                .claimedAt(Optional.empty())
                .firstCoveredBy(Optional.empty())
                .event(
                        SubmissionEvent.Kind.RESENT,
                        Optional.empty(),
                        "two completed sync passes covering the attempt showed no candidate job; sent again, once")
                .build();
    }

    /** Operator: this submission became {@code job}. */
    public Submission confirmed(
            JobId job, Optional<JobNumber> number, Optional<String> actor, String detail, Instant now) {
        requireAllowed(OperatorAction.CONFIRM);
        return change(now)
                .settled(SubmissionState.CREATED, job, number)
                .event(SubmissionEvent.Kind.CONFIRMED, actor, detail)
                .build();
    }

    /** Operator: send it again now (counts as its re-send: a new unknown outcome is never re-sent by itself). */
    public Submission resentByOperator(Optional<String> actor, String detail, Instant now) {
        requireAllowed(OperatorAction.RESEND);
        return change(now)
                .state(SubmissionState.PENDING)
                .resent(true)
                .dueAt(now)
                .claimedAt(Optional.empty())
                .lastError(Optional.empty())
                .candidates(List.of())
                .firstCoveredBy(Optional.empty())
                .event(SubmissionEvent.Kind.RESENT_BY_OPERATOR, actor, detail)
                .build();
    }

    /** Operator: give it up; it is never sent again. */
    public Submission abandoned(Optional<String> actor, String detail, Instant now) {
        requireAllowed(OperatorAction.ABANDON);
        return change(now)
                .state(SubmissionState.ABANDONED)
                .claimedAt(Optional.empty())
                .candidates(List.of())
                .event(SubmissionEvent.Kind.ABANDONED, actor, detail)
                .build();
    }

    private void requireAllowed(OperatorAction action) {
        if (!action.allowedIn(state)) {
            throw new IllegalStateException("submission " + id + " is " + state + "; " + action.word()
                    + " is allowed only when it is " + action.allowedStatesText());
        }
    }

    private SubmissionChange change(Instant now) {
        return new SubmissionChange(this, now);
    }
}
