package dev.fieldsync.domain.problem;

/** What a caller may do after a gateway problem. */
public enum RetryClass {
    /** Nothing ran or the call is safe to repeat: retry with backoff. */
    RETRYABLE,
    /** Repeating the same request gets the same answer: fix the cause first. */
    FINAL,
    /** A read may be retried, but a create or cancel may already have happened: reconcile, never re-send blindly. */
    OUTCOME_UNKNOWN_FOR_WRITES
}
