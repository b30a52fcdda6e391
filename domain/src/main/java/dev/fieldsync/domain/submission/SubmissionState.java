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
    /** The gateway refused it for good, or it could not be confirmed after its one re-send. */
    FAILED(true);

    private final boolean terminal;

    SubmissionState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
