package dev.fieldsync.domain.submission;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step in a submission's history: when, what happened, the state before and after, who did it (a token
 * or operator name for operator actions; empty for fieldsync's own steps) and a sentence saying why.
 */
public record SubmissionEvent(
        Instant at, Kind kind, SubmissionState from, SubmissionState to, Optional<String> actor, String detail) {

    /** What happened. */
    public enum Kind {
        /** The gateway answered the create with the new job's id. */
        CREATED,
        /** The create may have run; reconciliation takes over. */
        OUTCOME_UNKNOWN,
        /** Reconciliation found the job (by its reference, or as the single candidate with the same title). */
        RECONCILED,
        /** Reconciliation found candidates but no proof: a person must decide. */
        NEEDS_REVIEW,
        /** A covering pass showed no candidate at all: sent again, once. */
        RESENT,
        /** Refused for good, or not found after the one re-send. */
        FAILED,
        /** Operator: it became the given job. */
        CONFIRMED,
        /** Operator: send it again. */
        RESENT_BY_OPERATOR,
        /** Operator: give it up. */
        ABANDONED
    }

    public SubmissionEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detail, "detail");
    }
}
