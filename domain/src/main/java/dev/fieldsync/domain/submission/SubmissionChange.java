package dev.fieldsync.domain.submission;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A copy of a {@link Submission} being made: starts as the submission at {@code now}; records the step as an
 * event against the old state. Only {@link Submission}'s own transitions use it.
 */
final class SubmissionChange {
    private final Submission from;
    private final Instant now;
    private SubmissionState state;
    private int attempts;
    private boolean resent;
    private Instant dueAt;
    private Optional<Instant> claimedAt;
    private Optional<Instant> lastAttemptAt;
    private Optional<JobId> jobId;
    private Optional<JobNumber> jobNumber;
    private Optional<String> lastError;
    private Optional<Instant> uncertainSince;
    private List<JobId> candidates;
    private Optional<Instant> firstCoveredBy;
    private boolean keepUpdatedAt;
    private final List<SubmissionEvent> history;
    private SubmissionEvent.Kind eventKind;
    private Optional<String> eventActor;
    private String eventDetail;

    SubmissionChange(Submission s, Instant now) {
        this.from = s;
        this.now = Objects.requireNonNull(now, "now");
        state = s.state();
        attempts = s.attempts();
        resent = s.resent();
        dueAt = s.dueAt();
        claimedAt = s.claimedAt();
        lastAttemptAt = s.lastAttemptAt();
        jobId = s.jobId();
        jobNumber = s.jobNumber();
        lastError = s.lastError();
        uncertainSince = s.uncertainSince();
        candidates = s.candidates();
        firstCoveredBy = s.firstCoveredBy();
        history = new ArrayList<>(s.history());
    }

    SubmissionChange state(SubmissionState value) {
        state = value;
        return this;
    }

    SubmissionChange attempts(int value) {
        attempts = value;
        return this;
    }

    SubmissionChange resent(boolean value) {
        resent = value;
        return this;
    }

    SubmissionChange dueAt(Instant value) {
        dueAt = value;
        return this;
    }

    SubmissionChange claimedAt(Optional<Instant> value) {
        claimedAt = value;
        return this;
    }

    SubmissionChange lastAttemptAt(Optional<Instant> value) {
        lastAttemptAt = value;
        return this;
    }

    SubmissionChange lastError(Optional<String> value) {
        lastError = value;
        return this;
    }

    SubmissionChange uncertainSince(Optional<Instant> value) {
        uncertainSince = value;
        return this;
    }

    SubmissionChange candidates(List<JobId> value) {
        candidates = value;
        return this;
    }

    SubmissionChange firstCoveredBy(Optional<Instant> value) {
        firstCoveredBy = value;
        return this;
    }
    /** updated_at stays: it is the moment fieldsync gave up on the attempt, which "covered" is measured from. */
    SubmissionChange keepUpdatedAt() {
        keepUpdatedAt = true;
        return this;
    }

    /** A terminal "it is this job": no claim, no error, no candidates. */
    SubmissionChange settled(SubmissionState value, JobId job, Optional<JobNumber> number) {
        state = value;
        jobId = Optional.of(job);
        jobNumber = number;
        claimedAt = Optional.empty();
        lastError = Optional.empty();
        candidates = List.of();
        return this;
    }

    SubmissionChange event(SubmissionEvent.Kind kind, Optional<String> actor, String detail) {
        eventKind = kind;
        eventActor = actor;
        eventDetail = detail;
        return this;
    }

    Submission build() {
        if (eventKind != null) {
            history.add(new SubmissionEvent(now, eventKind, from.state(), state, eventActor, eventDetail));
        }
        return new Submission(
                from.id(),
                from.integration(),
                from.draft(),
                state,
                attempts,
                resent,
                from.createdAt(),
                keepUpdatedAt ? from.updatedAt() : now,
                dueAt,
                claimedAt,
                lastAttemptAt,
                jobId,
                jobNumber,
                lastError,
                uncertainSince,
                candidates,
                history,
                firstCoveredBy);
    }
}
