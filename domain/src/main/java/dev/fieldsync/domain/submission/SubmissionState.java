package dev.fieldsync.domain.submission;

/** The life of a job create in the outbox. */
public enum SubmissionState {
    /** Stored, waiting to be sent (or to be sent again after a retryable refusal). */
    PENDING(false),
    /** Claimed by one instance, which is sending it now. */
    SENDING(false),
    /** The gateway created the job; its id is known. */
    CREATED(true),
    /** The create may or may not have happened; later sync passes decide (ARCHITECTURE.md §5). */
    OUTCOME_UNKNOWN(false),
    /**
     * Sync passes found jobs that may be this create but none that proves it (several candidates, or one with
     * another title): a person decides (confirm, resend or abandon). Never re-sent automatically.
     */
    NEEDS_REVIEW(false),
    /** The gateway refused it for good, or it could not be confirmed after its one re-send. */
    FAILED(true),
    /** A person gave it up (an operator action); it is never sent again. */
    ABANDONED(true);

    private final boolean terminal;

    SubmissionState(boolean terminal) {
        this.terminal = terminal;
    }

    /** No automatic step will change it again (an operator action still may, see {@link OperatorAction}). */
    public boolean isTerminal() {
        return terminal;
    }

    /** Settled as far as fieldsync can take it alone: terminal, or waiting for a person. */
    public boolean isSettled() {
        return terminal || this == NEEDS_REVIEW;
    }
}
