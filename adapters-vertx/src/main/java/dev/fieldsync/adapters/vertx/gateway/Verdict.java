package dev.fieldsync.adapters.vertx.gateway;

/** What the retry policy decides after one attempt. */
public enum Verdict {
    /** A 2xx answer: read it. */
    SUCCEEDED,
    /** Safe to send again after a backoff (and, for a 429, after telling the budget). */
    RETRY,
    /** A 401: try the next configured key once, else give up. */
    TRY_NEXT_KEY,
    /** Sending it again would get the same answer: fail now. */
    FINAL,
    /** A create or cancel that may have run: never re-sent, reported as outcome unknown. */
    OUTCOME_UNKNOWN
}
